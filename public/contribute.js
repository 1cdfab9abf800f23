// The contribution form's progressive enhancement. The form works without it: every step is a
// server-rendered page, the error summary is focused by `autofocus`, and jurisdictions are ticked
// in lists by region. With it, the summary is focused for browsers that ignore autofocus, its links
// move focus to the field, and jurisdictions can be found by typing part of a name.
(() => {
  'use strict';
  const summary = document.querySelector('[data-error-summary]');
  if (summary) {
    if (document.activeElement !== summary) summary.focus();
    summary.addEventListener('click', (event) => {
      const link = event.target.closest('a[href^="#f-"]');
      if (!link) return;
      const field = document.getElementById(link.getAttribute('href').slice(1));
      if (!field) return;
      event.preventDefault();
      const details = field.closest('details');
      if (details) details.open = true;
      // The question's label or legend is scrolled into view with the field, as GOV.UK does.
      const group = field.closest('fieldset, .field');
      (group || field).scrollIntoView();
      field.focus({ preventScroll: true });
    });
  }

  const picker = document.querySelector('[data-jurisdiction-picker]');
  if (picker) {
    const filterField = picker.querySelector('[data-filter-field]');
    const filter = picker.querySelector('[data-jurisdiction-filter]');
    const chosenList = picker.querySelector('[data-chosen-list]');
    const noneLabel = chosenList.textContent;
    filterField.hidden = false;
    const groups = [...picker.querySelectorAll('details')];
    const initiallyOpen = groups.map((details) => details.open);
    filter.addEventListener('input', () => {
      const needle = filter.value.trim().toLowerCase();
      groups.forEach((details, index) => {
        let shown = 0;
        details.querySelectorAll('li[data-name]').forEach((item) => {
          const match = needle === '' || item.dataset.name.includes(needle);
          item.hidden = !match;
          if (match) shown++;
        });
        details.hidden = shown === 0;
        details.open = needle === '' ? initiallyOpen[index] || details.querySelector('input:checked') !== null : shown > 0;
      });
    });
    // Enter in the filter box would send the step; it ticks the only match instead.
    filter.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter') return;
      event.preventDefault();
      const visible = [...picker.querySelectorAll('li[data-name]:not([hidden]) input')].filter((input) => !input.closest('details[hidden]'));
      if (visible.length === 1) visible[0].click();
    });
    picker.addEventListener('change', () => {
      const names = [...picker.querySelectorAll('input[name="jurisdictions"]:checked')].map((input) =>
        input.parentElement.textContent.replace(/\s+[A-Z]{2}(-[A-Z0-9]+)?\s*$/, '').trim(),
      );
      chosenList.textContent = names.join(', ') || noneLabel;
    });
  }

  document.querySelectorAll('[data-copy-value]').forEach((button) => {
    const input = document.getElementById(button.dataset.copyValue);
    button.hidden = false;
    button.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(input.value);
        const label = button.textContent;
        button.textContent = button.dataset.copiedLabel || label;
        setTimeout(() => {
          button.textContent = label;
        }, 2000);
      } catch {
        input.select();
      }
    });
  });
})();
