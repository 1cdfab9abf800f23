// Search in an offline pack (npm run export), with Pagefind, from file:// or any static host.
// Chromium lets a file:// page load classic scripts beside it and nothing else: no ES modules, no
// fetch, no workers. So Pagefind's loader comes as a classic script (static/pagefind-classic.js)
// that is handed the fetch below, which reads each index file from a classic script of its own
// (pagefind/<language>/<file>.js, its bytes in base64). One Pagefind bundle per note language
// keeps each language's stemming; they are searched as one (public/pack-query.js).
(() => {
  'use strict';
  const form = document.querySelector('[data-pack-search]');
  const script = document.currentScript;
  if (!form || !script) return;
  const root = new URL('..', script.src);
  const status = form.querySelector('[data-pack-status]');
  const list = form.querySelector('[data-pack-results]');
  const show = (name, visible) => {
    form.querySelector(`[data-pack-${name}]`).hidden = !visible;
  };
  const MAX_RESULTS = 50;

  const files = new Map();
  let languages;
  let stopWords = new Set();
  // The site's query keys (pagefind/query-keys.js); a pack written before them searches the words typed.
  let queryTables;
  window.CasebookPack = {
    add: (name, base64) => files.set(name, base64),
    manifest: (manifest) => {
      languages = manifest.languages;
    },
    queryKeys: (table) => {
      queryTables = window.CasebookPackQuery.keyTables(table);
    },
    stopWords: (words) => {
      stopWords = new Set(words);
    },
  };

  function loadScript(url) {
    return new Promise((resolve, reject) => {
      const element = document.createElement('script');
      element.src = url;
      element.onload = () => {
        element.remove();
        resolve();
      };
      element.onerror = () => {
        element.remove();
        reject(new Error(`could not load ${url}`));
      };
      document.head.append(element);
    });
  }

  // Pagefind asks for "pagefind/<language>/<file>?ts=…"; the answer comes from that file's script.
  async function packFetch(input) {
    const name = String(input)
      .replace(/^.*?pagefind\//, '')
      .replace(/[?#].*$/, '');
    if (!files.has(name)) await loadScript(new URL(`pagefind/${name}.js`, root)).catch(() => {});
    const base64 = files.get(name);
    if (base64 === undefined) return new Response(null, { status: 404, statusText: 'Not in this pack' });
    files.delete(name);
    const binary = atob(base64);
    const bytes = new Uint8Array(binary.length);
    for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
    return new Response(bytes, { status: 200, headers: name.endsWith('.pagefind') ? { 'Content-Type': 'application/wasm' } : {} });
  }

  let pagefind;
  async function start() {
    try {
      await loadScript(new URL('pagefind/manifest.js', root));
    } catch {
      return undefined;
    }
    await loadScript(new URL('static/pagefind-classic.js', root));
    await loadScript(new URL('static/pack-query.js', root));
    // A pack written before the stop words were shipped searches with every word.
    await loadScript(new URL('pagefind/stop-words.js', root)).catch(() => {});
    await loadScript(new URL('pagefind/query-keys.js', root)).catch(() => {});
    return window.CasebookPackQuery.open(() => window.CasebookPagefind(packFetch), languages, { baseUrl: '/', excerptLength: 24 });
  }

  function readForm() {
    const data = new FormData(form);
    const text = String(data.get('q') || '').trim();
    const filters = {};
    for (const box of form.querySelectorAll('input[type="checkbox"]:checked')) (filters[box.name] ??= []).push(box.value);
    return { text, filters };
  }

  function setStatus(text) {
    status.textContent = text;
  }

  function countLabel(count) {
    const template = count === 1 ? form.dataset.resultsOne : form.dataset.resultsOther;
    return template.replace('{count}', new Intl.NumberFormat(document.documentElement.lang).format(count));
  }

  function link(url) {
    return new URL(url.replace(/^\/+/, ''), root).href;
  }

  function render(results, items) {
    list.replaceChildren(
      ...items.map((item) => {
        const card = document.createElement('li');
        card.className = 'note-card';
        const title = document.createElement('h3');
        title.className = 'note-card-title';
        const anchor = document.createElement('a');
        anchor.href = link(item.url);
        anchor.textContent = item.meta.title;
        if (item.meta.language) anchor.lang = item.meta.language;
        title.append(anchor);
        const excerpt = document.createElement('p');
        excerpt.className = 'note-card-summary';
        if (item.meta.language) excerpt.lang = item.meta.language;
        // Pagefind's excerpt is the page's own text, escaped, with <mark> around matched words.
        excerpt.innerHTML = item.excerpt || '';
        if (!item.excerpt) excerpt.textContent = item.meta.summary || '';
        card.append(title, excerpt);
        // Only the sections where the words were found, not every heading of the note.
        const sections = (item.sub_results || []).filter((sub) => sub.url.includes('#') && (sub.excerpt || '').includes('<mark>')).slice(0, 3);
        if (sections.length > 0) {
          const links = document.createElement('ul');
          links.className = 'related-list';
          for (const sub of sections) {
            const entry = document.createElement('li');
            const section = document.createElement('a');
            section.href = link(sub.url);
            section.textContent = sub.title.replace(/\s*#$/, '');
            entry.append(section);
            links.append(entry);
          }
          card.append(links);
        }
        return card;
      }),
    );
    show('empty', results.results.length === 0);
    setStatus(countLabel(results.results.length));
  }

  // Counts next to each filter value follow the current search; a value with none is kept, shown as 0.
  function updateCounts(results) {
    for (const fieldset of form.querySelectorAll('fieldset[data-facet]')) {
      const counts = (results.filters || {})[fieldset.dataset.facet] || {};
      for (const box of fieldset.querySelectorAll('input[type="checkbox"]')) {
        box.closest('label').querySelector('[data-count]').textContent = String(counts[box.value] || 0);
      }
    }
  }

  let latest = 0;
  async function run() {
    const ticket = ++latest;
    const { text, filters } = readForm();
    const params = new URLSearchParams();
    if (text) params.set('q', text);
    for (const [field, values] of Object.entries(filters)) for (const value of values) params.append(field, value);
    try {
      history.replaceState(null, '', `${location.pathname}${params.size > 0 ? `?${params}` : ''}`);
    } catch {
      // Some browsers refuse to change a file:// address; the search still runs.
    }
    if (!text && Object.keys(filters).length === 0) {
      list.replaceChildren();
      show('empty', false);
      show('prompt', true);
      setStatus('');
      return;
    }
    show('prompt', false);
    const pagefindFilters = Object.fromEntries(Object.entries(filters).map(([field, values]) => [field, { any: values }]));
    const results = await window.CasebookPackQuery.search(pagefind, text, { filters: pagefindFilters }, stopWords, queryTables);
    if (ticket !== latest || !results) return;
    const items = await Promise.all(results.results.slice(0, MAX_RESULTS).map((result) => result.data()));
    if (ticket !== latest) return;
    updateCounts(results);
    render(results, items);
  }

  // The address carries the search (the evidence map's cells and shared links open it).
  const initial = new URLSearchParams(location.search);
  form.elements.q.value = initial.get('q') || '';
  for (const box of form.querySelectorAll('input[type="checkbox"]')) box.checked = initial.getAll(box.name).includes(box.value);

  setStatus(script.dataset.loading || '');
  start()
    .then((instance) => {
      if (!instance) {
        setStatus('');
        show('missing', true);
        return;
      }
      pagefind = instance;
      let pending;
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        clearTimeout(pending);
        run();
      });
      form.addEventListener('change', (event) => {
        if (event.target.matches('input[type="checkbox"]')) run();
      });
      form.addEventListener('input', (event) => {
        if (!event.target.matches('[data-search-input]')) return;
        clearTimeout(pending);
        pending = setTimeout(run, 200);
      });
      return run();
    })
    .catch((error) => {
      console.error(error);
      setStatus('');
      show('failed', true);
    });
})();
