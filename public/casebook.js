// Casebook's progressive enhancement. Every page works without it; with it, filters apply at once,
// results follow the typing, long facet lists can be filtered, and citations copy with one click.
(() => {
  'use strict';
  document.documentElement.classList.add('js');

  const form = document.querySelector('[data-search-form]');
  let pending;
  let latest = 0;

  // Fetches the results page for the form's current state and swaps in its results and facets.
  async function refresh() {
    if (!form) return;
    const params = new URLSearchParams(new FormData(form));
    for (const [key, value] of [...params]) if (value === '') params.delete(key);
    const url = `${form.action.replace(/^https?:\/\/[^/]+/, '')}?${params}`;
    const ticket = ++latest;
    try {
      const response = await fetch(url, { headers: { Accept: 'text/html' } });
      const html = await response.text();
      if (ticket !== latest) return;
      const next = new DOMParser().parseFromString(html, 'text/html').querySelector('[data-search-results]');
      const current = form.querySelector('[data-search-results]');
      if (!next || !current) return;
      const filterValues = [...current.querySelectorAll('[data-facet-filter]')].map((input) => input.value);
      current.replaceWith(next);
      next.querySelectorAll('[data-facet-filter]').forEach((input, index) => {
        input.value = filterValues[index] ?? '';
        filterFacet(input);
      });
      history.replaceState(null, '', url);
      document.title = new DOMParser().parseFromString(html, 'text/html').title;
    } catch {
      form.submit();
    }
  }

  if (form) {
    form.addEventListener('change', (event) => {
      const target = event.target;
      if (target.matches('input[type="checkbox"], select')) refresh();
    });
    form.addEventListener('input', (event) => {
      const target = event.target;
      if (target.matches('[data-facet-filter]')) filterFacet(target);
      if (!target.matches('[data-search-input]')) return;
      clearTimeout(pending);
      pending = setTimeout(refresh, 250);
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      clearTimeout(pending);
      refresh();
    });
  }

  // Other forms (the evidence map's axes): a changed select submits.
  document.addEventListener('change', (event) => {
    const target = event.target;
    if (target.matches('select[data-autosubmit]') && !target.closest('[data-search-form]')) target.form.submit();
  });

  // Narrows a long facet list (jurisdictions) to the values containing the typed text.
  function filterFacet(input) {
    const fieldset = input.closest('fieldset');
    const needle = input.value.trim().toLowerCase();
    fieldset.querySelectorAll('[data-facet-value]').forEach((item) => {
      item.hidden = needle !== '' && !item.dataset.facetValue.includes(needle);
    });
    fieldset.querySelectorAll('.facet-values').forEach((list) => {
      const group = list.previousElementSibling;
      const empty = [...list.children].every((item) => item.hidden);
      list.hidden = empty;
      if (group && group.matches('[data-facet-group]')) group.hidden = empty;
    });
  }

  // "/" jumps to the search box, as on most search sites, unless the reader is typing.
  document.addEventListener('keydown', (event) => {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target.closest('input, textarea, select, [contenteditable]')) return;
    const input = document.querySelector('[data-search-input]');
    if (!input) return;
    event.preventDefault();
    input.focus();
    input.select();
  });

  async function copy(text, button) {
    try {
      await navigator.clipboard.writeText(text);
      const label = button.textContent;
      button.textContent = button.dataset.copiedLabel || label;
      setTimeout(() => { button.textContent = label; }, 2000);
    } catch {
      window.prompt('', text);
    }
  }

  document.querySelectorAll('[data-copy]').forEach((button) => {
    button.hidden = false;
    button.addEventListener('click', () => copy(document.getElementById(button.dataset.copy).textContent.trim(), button));
  });
  document.querySelectorAll('[data-print]').forEach((button) => {
    button.hidden = false;
    button.addEventListener('click', () => window.print());
  });

  // Each section heading of a note gets a button that copies a link to it, for trainers' slides.
  const body = document.querySelector('[data-note-body]');
  if (body) {
    body.querySelectorAll('h2[id], h3[id], h4[id]').forEach((heading) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'button-secondary copy-link';
      button.textContent = body.dataset.copyLinkLabel;
      button.dataset.copiedLabel = body.dataset.copiedLabel;
      button.addEventListener('click', () => copy(`${location.origin}${location.pathname}#${heading.id}`, button));
      heading.append(button);
    });
  }
})();
