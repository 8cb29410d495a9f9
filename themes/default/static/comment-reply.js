// comment-reply.js — "Reply" moves the comment form under the comment,
// without a page load.  Without JavaScript the link still works: it loads
// ?replytocom=ID#respond and the server puts the form there.
(function () {
  'use strict';
  var respond = document.getElementById('respond');
  if (!respond) return;
  var home = document.createElement('div');   // where the form lives when not replying
  home.hidden = true;
  respond.parentNode.insertBefore(home, respond);
  var parent = document.getElementById('comment_parent');
  var title = document.getElementById('reply-title');

  function cancelLink() {
    var link = document.getElementById('cancel-comment-reply-link');
    if (link) return link;
    var small = document.createElement('small');
    link = document.createElement('a');
    link.id = 'cancel-comment-reply-link';
    link.rel = 'nofollow';
    link.href = '#respond';
    link.textContent = 'Cancel reply';
    small.appendChild(document.createTextNode(' '));
    small.appendChild(link);
    title.appendChild(small);
    return link;
  }

  function moveTo(li, id) {
    li.appendChild(respond);
    if (parent) parent.value = id;
    cancelLink().hidden = false;
    var text = document.getElementById('comment');
    if (text) text.focus();
  }

  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('.comment-reply-link');
    if (link) {
      var li = document.getElementById('comment-' + link.getAttribute('data-comment-id'));
      if (!li || !parent) return;
      event.preventDefault();
      moveTo(li, link.getAttribute('data-comment-id'));
      return;
    }
    if (event.target.id === 'cancel-comment-reply-link' && parent) {
      event.preventDefault();
      home.parentNode.insertBefore(respond, home);
      parent.value = '0';
      event.target.hidden = true;
    }
  });
})();
