// The page's only script, served inline with a nonce: it refreshes the live part every few seconds
// and sends the Retry and Forget buttons as POSTs with the token in a header (never in a form, so
// no other site can press them). Everything it shows comes escaped from the server or as text.
export const OPS_PAGE_SCRIPT = `
(function () {
  var params = new URLSearchParams(location.search);
  var token = params.get('token') || '';
  var headers = { 'x-taskbot-admin': '1' };
  if (token) headers.authorization = 'Bearer ' + token;
  var status = document.getElementById('status');
  var busy = false;

  function say(text, failed) {
    status.textContent = text;
    status.className = failed ? 'status failed' : 'status';
  }

  function refresh() {
    if (busy) return Promise.resolve();
    return fetch('live' + location.search, { headers: headers, cache: 'no-store' })
      .then(function (response) {
        if (!response.ok) throw new Error('refresh failed: ' + response.status);
        return response.text();
      })
      .then(function (html) {
        var template = document.createElement('template');
        template.innerHTML = html;
        var next = template.content.getElementById('live');
        if (next) document.getElementById('live').replaceWith(next);
      })
      .catch(function (error) { say(error.message, true); });
  }

  document.addEventListener('click', function (event) {
    var button = event.target.closest('button[data-action]');
    if (!button) return;
    var id = button.getAttribute('data-id');
    var action = button.getAttribute('data-action');
    if (action === 'forget' && !confirm('Remove failed job ' + id + ' for good?')) return;
    busy = true;
    button.disabled = true;
    say((action === 'retry' ? 'Retrying ' : 'Forgetting ') + id + '…', false);
    fetch('failed/' + encodeURIComponent(id) + '/' + action, { method: 'POST', headers: headers })
      .then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok) throw new Error(body.error || 'failed: ' + response.status);
          say(body.message, false);
        });
      })
      .catch(function (error) { say(error.message, true); button.disabled = false; })
      .then(function () { busy = false; return refresh(); });
  });

  setInterval(refresh, ${3_000});
})();
`;
