/*
** comment.c — readers' comments.
**
** The article page already shows approved comments and the "Leave a
** Reply" form; taking a new comment (validation, moderation, spam
** defence, durable write) is issue #3.  Until it lands, POST /comments
** says plainly that comments are not being accepted, with 501, so that a
** reader is never told a comment was saved when it was not.
*/
#include "comment.h"

#include "render.h"

/* POST /comments
**
** Form fields article, parent, comment, author, email, url.  For now:
** 501 with a page saying comments are not accepted yet.
*/
void comment_post(request_t *req) {
    render_error(req, 501, "Comments are not open yet",
                 "This site does not accept new comments yet, so yours was "
                 "not saved. Please keep a copy of what you wrote.");
}
