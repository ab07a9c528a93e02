// The report's one script (hashed into the CSP): status and severity chips, search,
// product and account filters, sortable control columns, expand/collapse all. Plain ES5
// over data attributes, no library: the page must work from a file with no request.
export const SCRIPT = `
(function () {
  var list = document.getElementById('groups');
  var groups = Array.prototype.slice.call(list.querySelectorAll('details.group'));
  var rows = Array.prototype.slice.call(list.querySelectorAll('tr.finding'));
  var statusChips = Array.prototype.slice.call(document.querySelectorAll('button[data-status]'));
  var severityChips = Array.prototype.slice.call(document.querySelectorAll('button[data-severity]'));
  var search = document.getElementById('search');
  var product = document.getElementById('filter-product');
  var account = document.getElementById('filter-account');
  var shown = document.getElementById('shown');
  function pressed(chips, attr) {
    var on = {};
    chips.forEach(function (chip) { if (chip.getAttribute('aria-pressed') === 'true') on[chip.getAttribute(attr)] = true; });
    return on;
  }
  function apply() {
    var statuses = pressed(statusChips, 'data-status');
    var severities = pressed(severityChips, 'data-severity');
    var words = search.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var visible = 0, controls = 0;
    groups.forEach(function (group) {
      var n = 0, total = 0;
      Array.prototype.forEach.call(group.querySelectorAll('tr.finding'), function (row) {
        total += 1;
        var text = row.getAttribute('data-text').toLowerCase();
        var ok = statuses[row.getAttribute('data-status')] === true
          && severities[row.getAttribute('data-severity')] === true
          && (product.value === '' || row.getAttribute('data-product') === product.value)
          && (account.value === '' || row.getAttribute('data-account') === account.value)
          && words.every(function (w) { return text.indexOf(w) !== -1; });
        row.hidden = !ok;
        if (ok) n += 1;
      });
      group.hidden = n === 0;
      group.querySelector('.shown-count').textContent = n === total ? String(total) : n + ' of ' + total;
      visible += n;
      if (n > 0) controls += 1;
    });
    shown.textContent = 'Showing ' + visible + ' of ' + rows.length + ' findings in ' + controls + ' of ' + groups.length + ' controls';
  }
  statusChips.concat(severityChips).forEach(function (chip) {
    chip.addEventListener('click', function () {
      chip.setAttribute('aria-pressed', chip.getAttribute('aria-pressed') === 'true' ? 'false' : 'true');
      apply();
    });
  });
  search.addEventListener('input', apply);
  product.addEventListener('change', apply);
  account.addEventListener('change', apply);
  Array.prototype.forEach.call(document.querySelectorAll('button[data-sort]'), function (button) {
    button.addEventListener('click', function () {
      var key = button.getAttribute('data-sort');
      var descending = button.getAttribute('aria-sort') === 'ascending';
      Array.prototype.forEach.call(document.querySelectorAll('button[data-sort]'), function (b) { b.removeAttribute('aria-sort'); });
      button.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
      var numeric = key !== 'control' && key !== 'product';
      groups.sort(function (a, b) {
        var x = a.getAttribute('data-' + key), y = b.getAttribute('data-' + key);
        var c = numeric ? Number(x) - Number(y) : x.localeCompare(y);
        return descending ? -c : c;
      });
      groups.forEach(function (group) { list.appendChild(group); });
    });
  });
  document.getElementById('expand-all').addEventListener('click', function () {
    var open = groups.some(function (g) { return !g.hidden && !g.open; });
    groups.forEach(function (g) { if (!g.hidden) g.open = open; });
  });
  apply();
})();
`;
