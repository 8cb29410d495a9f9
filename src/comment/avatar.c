/*
** avatar.c — the identicon of a commenter.
**
** WordPress shows Gravatar images whose URL carries a hash of the
** commenter's email: anyone can test an email address against it, and
** the reader's browser tells a third party what it reads.  gazette draws
** an identicon itself from a keyed HMAC of the email (identicon.c): the
** key in the URL reveals nothing without the site's secret, and no
** request leaves the site.
*/
#include "avatar.h"

#include <string.h>

#include "identicon.h"
#include "render.h"

/* GET /avatar/KEY.svg
**
** KEY: 32 hex digits, as comment_view.c puts in a comment's avatar_url.
** The picture depends on the key alone, so it is cached for a year.
*/
void avatar_page(request_t *req) {
    const char *file = req->param[0];
    size_t len = strlen(file);
    char key[IDENTICON_KEY_HEX + 1];
    if (len != IDENTICON_KEY_HEX + 4 || strcmp(file + IDENTICON_KEY_HEX, ".svg")) {
        render_error(req, 404, "Page not found", "There is no such avatar.");
        return;
    }
    memcpy(key, file, IDENTICON_KEY_HEX);
    key[IDENTICON_KEY_HEX] = '\0';
    if (!identicon_key_valid(key)) {
        render_error(req, 404, "Page not found", "There is no such avatar.");
        return;
    }
    req->status = 200;
    req->content_type = "image/svg+xml";
    req->cache_control = "public, max-age=31536000, immutable";
    req->cache_kind = REQUEST_CACHE_ASSET;   /* Last-Modified: the server's start */
    identicon_svg(&req->out, key, 48);
}
