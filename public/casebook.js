// Casebook's progressive enhancement. Every page works without it; with it, filters apply at once,
// results follow the typing, long facet lists can be filtered, and citations copy with one click.
(() => {
  'use strict';
  document.documentElement.classList.add('js');

  const form = document.querySelector('[data-search-form]');
  const wide = window.matchMedia('(min-width: 50.0625rem)');
  let pending;
  let latest = 0;
  // Typing makes one history entry per burst of keystrokes, as a submitted form would; each filter
  // or sort change makes its own, so Back undoes the last one.
  let typing = false;
  // The address whose results are on screen: a skip link or a "#" link also fires popstate, and
  // reloading the results then would take the reader's focus away with the old list.
  let shown = `${location.pathname}${location.search}`;

  // A wide screen shows the filters beside the results; a phone keeps them behind "Filters".
  function syncPanel() {
    document.querySelectorAll('[data-filters-panel]').forEach((panel) => {
      panel.open = wide.matches;
    });
  }

  function searchUrl() {
    const params = new URLSearchParams(new FormData(form));
    for (const [key, value] of [...params]) if (value === '') params.delete(key);
    // The jurisdiction option is on unless only its hidden "named" is sent: on is the default, so it needs no parameter.
    if (params.getAll('jurisdiction_scope').includes('applies') || !params.has('jurisdictions')) params.delete('jurisdiction_scope');
    const query = params.toString();
    return `${form.action.replace(/^https?:\/\/[^/]+/, '')}${query ? `?${query}` : ''}`;
  }

  // What identifies the focused control across a refresh: its id, or a checkbox's name and value.
  function focusKey(element) {
    if (!element || element === document.body || !form.contains(element)) return undefined;
    if (element.id) return `#${CSS.escape(element.id)}`;
    if (element.name && element.type === 'checkbox') return `input[name="${CSS.escape(element.name)}"][value="${CSS.escape(element.value)}"]`;
    if (element.name) return `[name="${CSS.escape(element.name)}"]`;
    if (element.matches('[data-facet-more] > summary'))
      return `[data-facet="${CSS.escape(element.closest('[data-facet]').dataset.facet)}"] [data-facet-more] > summary`;
    return undefined;
  }

  function checkboxKeys(root) {
    return [...root.querySelectorAll('input[type="checkbox"]')].map((input) => `${input.name}=${input.value}`).join('&');
  }

  // Same values in the same places: update ticks, counts and labels where they are, so nothing moves
  // and the focused checkbox keeps focus. Otherwise (new words, new values) swap the panel's content.
  function updateFacets(current, next) {
    if (checkboxKeys(current) === checkboxKeys(next)) {
      const incoming = [...next.querySelectorAll('input[type="checkbox"]')];
      current.querySelectorAll('input[type="checkbox"]').forEach((input, index) => {
        const source = incoming[index];
        input.checked = source.checked;
        const item = input.closest('li');
        if (!item) {
          // An option outside the value lists (the jurisdiction scope): only its label's text changes.
          const label = input.closest('label')?.querySelector('span');
          const incomingLabel = source.closest('label')?.querySelector('span');
          if (label && incomingLabel) label.textContent = incomingLabel.textContent;
          return;
        }
        const sourceItem = source.closest('li');
        item.className = sourceItem.className;
        item.querySelector('.facet-count').textContent = sourceItem.querySelector('.facet-count').textContent;
      });
      const legends = [...next.querySelectorAll('legend')];
      current.querySelectorAll('legend').forEach((legend, index) => {
        legend.innerHTML = legends[index].innerHTML;
      });
      const button = current.querySelector('[data-show-results]');
      if (button) button.textContent = next.querySelector('[data-show-results]').textContent;
      return;
    }
    const filters = new Map(
      [...current.querySelectorAll('[data-facet]')].map((fieldset) => [
        fieldset.dataset.facet,
        {
          open: fieldset.querySelector('[data-facet-more]')?.open,
          filter: fieldset.querySelector('[data-facet-filter]')?.value,
        },
      ]),
    );
    current.replaceChildren(...next.childNodes);
    current.querySelectorAll('[data-facet]').forEach((fieldset) => {
      const before = filters.get(fieldset.dataset.facet);
      const more = fieldset.querySelector('[data-facet-more]');
      if (more && before?.open) more.open = true;
      const input = fieldset.querySelector('[data-facet-filter]');
      if (input && before?.filter) {
        input.value = before.filter;
        filterFacet(input);
      }
    });
    enhanceShowResults();
  }

  // Fetches a results page and puts its results and facet counts in place. `history`: push, replace or none.
  async function load(url, historyMode) {
    const ticket = ++latest;
    try {
      const response = await fetch(url, { headers: { Accept: 'text/html' } });
      const html = await response.text();
      if (ticket !== latest) return;
      const doc = new DOMParser().parseFromString(html, 'text/html');
      const next = doc.querySelector('[data-search-results]');
      const current = form.querySelector('[data-search-results]');
      if (!next || !current) return;
      const key = focusKey(document.activeElement);
      current.querySelector('.results').replaceWith(next.querySelector('.results'));
      updateFacets(current.querySelector('.facets'), next.querySelector('.facets'));
      current.querySelector('.filters-summary-label').textContent = next.querySelector('.filters-summary-label').textContent;
      if (historyMode === 'none') {
        const input = form.querySelector('[data-search-input]');
        const incoming = doc.querySelector('[data-search-input]');
        if (input && incoming) input.value = incoming.value;
      }
      const focused = key && form.querySelector(key);
      if (focused && document.activeElement !== focused) focused.focus({ preventScroll: true });
      // A filter ticked low in the panel: the new results start above the screen, so bring their top
      // into view (the panel is sticky on a wide screen, so the ticked box stays in sight).
      const results = form.querySelector('#cb-results');
      if (historyMode === 'push' && wide.matches && results && results.getBoundingClientRect().top < 0) results.scrollIntoView({ block: 'start' });
      if (historyMode === 'push') history.pushState({ casebookSearch: true }, '', url);
      if (historyMode === 'replace') history.replaceState({ casebookSearch: true }, '', url);
      shown = `${location.pathname}${location.search}`;
      document.title = doc.title;
    } catch {
      if (historyMode === 'none') location.reload();
      else form.submit();
    }
  }

  function refresh(fromTyping) {
    const url = searchUrl();
    if (url === `${location.pathname}${location.search}`) return;
    const mode = fromTyping && typing ? 'replace' : 'push';
    typing = Boolean(fromTyping);
    load(url, mode);
  }

  // On a phone, "Show N notes" closes the panel and takes the reader to the results.
  function enhanceShowResults() {
    const button = form && form.querySelector('[data-show-results]');
    if (!button || button.dataset.enhanced) return;
    button.dataset.enhanced = 'true';
    button.hidden = false;
  }

  syncPanel();
  wide.addEventListener('change', syncPanel);
  if (form) {
    enhanceShowResults();
    form.addEventListener('click', (event) => {
      if (!event.target.closest('[data-show-results]')) return;
      form.querySelector('[data-filters-panel]').open = false;
      const results = form.querySelector('#cb-results');
      results.focus({ preventScroll: true });
      results.scrollIntoView({ block: 'start' });
    });
    form.addEventListener('change', (event) => {
      const target = event.target;
      if (target.matches('input[type="checkbox"], select')) refresh(false);
    });
    form.addEventListener('input', (event) => {
      const target = event.target;
      if (target.matches('[data-facet-filter]')) filterFacet(target);
      if (!target.matches('[data-search-input]')) return;
      clearTimeout(pending);
      pending = setTimeout(() => refresh(true), 250);
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      clearTimeout(pending);
      refresh(false);
    });
    // Back and Forward move between searches as they would between submitted pages.
    window.addEventListener('popstate', () => {
      if (`${location.pathname}${location.search}` === shown) return;
      clearTimeout(pending);
      typing = false;
      load(`${location.pathname}${location.search}`, 'none');
    });
  }

  // Other forms (the evidence map's axes): a changed select submits.
  document.addEventListener('change', (event) => {
    const target = event.target;
    if (target.matches('select[data-autosubmit]') && !target.closest('[data-search-form]')) target.form.submit();
  });

  // Narrows a long facet list (jurisdictions) to the values containing the typed text; matches
  // behind "N more" are shown by opening it, and it closes again when the text is cleared.
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
    const more = fieldset.querySelector('[data-facet-more]');
    if (!more) return;
    if (needle !== '' && !more.open) {
      more.open = true;
      more.dataset.openedByFilter = 'true';
    } else if (needle === '' && more.dataset.openedByFilter) {
      more.open = false;
      delete more.dataset.openedByFilter;
    }
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
      setTimeout(() => {
        button.textContent = label;
      }, 2000);
    } catch {
      window.prompt('', text);
    }
  }

  document.querySelectorAll('[data-copy]').forEach((button) => {
    button.hidden = false;
    button.addEventListener('click', () => {
      const source = document.getElementById(button.dataset.copy);
      copy(('value' in source ? source.value : source.textContent).trim(), button);
    });
  });
  // A printed page shows what a reader would open: every folded part.
  window.addEventListener('beforeprint', () =>
    document.querySelectorAll('details').forEach((details) => {
      details.open = true;
    }),
  );
  document.querySelectorAll('[data-print]').forEach((button) => {
    button.hidden = false;
    button.addEventListener('click', () => window.print());
  });

  // The thin "You are reading …" bar shows only once the page's own title is out of sight.
  const titleBar = document.querySelector('[data-title-bar]');
  const pageTitle = document.querySelector('[data-page-title]');
  if (titleBar && pageTitle && 'IntersectionObserver' in window) {
    new IntersectionObserver(([entry]) => {
      titleBar.classList.toggle('title-bar-shown', !entry.isIntersecting);
    }).observe(pageTitle);
  }
  // On a wide screen what the rating means is open; a phone keeps it a tap away.
  const syncDetails = () =>
    document.querySelectorAll('[data-open-wide]').forEach((details) => {
      details.open = wide.matches;
    });
  syncDetails();
  wide.addEventListener('change', syncDetails);

  // Arriving at a provision of an authority (#s-13), the reference at the top names it too, so the
  // copied citation carries the pinpoint.
  function pinpoint() {
    const id = decodeURIComponent(location.hash.slice(1));
    const target = id && document.getElementById(id);
    if (!target || !target.dataset.pinpoint) return;
    for (const suffix of ['', '-oscola']) {
      const main = document.getElementById(`cb-citation${suffix}`);
      const own = document.getElementById(`cb-citation-${id}${suffix}`);
      if (main && own) main.textContent = own.textContent;
    }
    const note = document.querySelector('[data-pinpoint-note]');
    if (note) {
      note.textContent = target.dataset.pinpoint;
      note.hidden = false;
    }
  }
  pinpoint();
  window.addEventListener('hashchange', pinpoint);

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
