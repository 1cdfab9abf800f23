<?xml version="1.0" encoding="utf-8"?>
<!-- Shows an Atom feed as a readable page when someone opens it in a browser; feed readers ignore it. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:atom="http://www.w3.org/2005/Atom" exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat"/>
  <xsl:variable name="lang" select="substring(/atom:feed/@xml:lang, 1, 2)"/>
  <xsl:template match="/atom:feed">
    <html lang="{$lang}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="atom:title"/></title>
        <link rel="stylesheet" href="/static/casebook.css"/>
      </head>
      <body>
        <header class="site-header">
          <div class="wrap header-inner"><a class="brand" href="/"><span class="brand-name">Casebook</span></a></div>
        </header>
        <main id="cb-main" class="wrap">
          <header class="page-header">
            <p class="eyebrow">
              <xsl:choose>
                <xsl:when test="$lang = 'fr'">Flux Atom</xsl:when>
                <xsl:when test="$lang = 'es'">Canal Atom</xsl:when>
                <xsl:otherwise>Atom feed</xsl:otherwise>
              </xsl:choose>
            </p>
            <h1><xsl:value-of select="atom:title"/></h1>
            <p class="lead">
              <xsl:choose>
                <xsl:when test="$lang = 'fr'">Ceci est un flux d’actualités. Copiez son adresse dans votre lecteur de flux pour être prévenu des fiches nouvelles ou révisées. Les plus récentes :</xsl:when>
                <xsl:when test="$lang = 'es'">Este es un canal de novedades. Copie su dirección en su lector de canales para recibir las notas nuevas o revisadas. Las más recientes:</xsl:when>
                <xsl:otherwise>This is a news feed. Copy its address into your feed reader to hear about new and re-reviewed notes. The latest:</xsl:otherwise>
              </xsl:choose>
            </p>
            <p class="citation-text"><xsl:value-of select="atom:link[@rel='self']/@href"/></p>
          </header>
          <ol class="note-list">
            <xsl:for-each select="atom:entry">
              <li class="note-card">
                <h2 class="note-card-title"><a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a></h2>
                <p class="note-card-summary"><xsl:value-of select="atom:summary"/></p>
                <p class="note-card-meta"><time datetime="{substring(atom:updated, 1, 10)}"><xsl:value-of select="substring(atom:updated, 1, 10)"/></time></p>
              </li>
            </xsl:for-each>
          </ol>
        </main>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
