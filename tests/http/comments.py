"""What the comment tests share: reading a page's form, posting to it."""
import hashlib
import re
import urllib.parse

EMAIL = "reader.one@example.org"


def form_fields(body):
    """The hidden and visible values of the comment form in a page."""
    text = body.decode("utf-8") if isinstance(body, bytes) else body
    start = text.index('<form action="/comments"')
    form = text[start:text.index("</form>", start)]
    fields = {}
    for m in re.finditer(r'<input ([^>]*)>', form):
        attrs = dict(re.findall(r'(\w[\w-]*)="([^"]*)"', m.group(1)))
        if "name" in attrs and attrs.get("type") != "checkbox":
            fields[attrs["name"]] = attrs.get("value", "")
    m = re.search(r'<textarea [^>]*>(.*?)</textarea>', form, re.S)
    fields["comment"] = m.group(1) if m else ""
    return fields


def post(server, path, headers=None, **values):
    """GET path, fill its form with values, POST it.  values override
    the form's own (token=None drops a field)."""
    _, _, body = server.get(path, headers=headers or {})
    fields = form_fields(body)
    fields.update({"comment": "", "author": "", "email": "", "url": ""})
    fields.update({k: v for k, v in values.items()})
    fields = {k: v for k, v in fields.items() if v is not None}
    data = urllib.parse.urlencode(fields).encode()
    h = {"Content-Type": "application/x-www-form-urlencoded"}
    h.update(headers or {})
    return server.request("POST", "/comments", body=data, headers=h)


def comment_id(location):
    return int(re.search(r"#comment-(\d+)$", location).group(1))


def email_forms(email):
    """The email and every hash of it a careless site might publish."""
    e = email.strip().lower().encode()
    return [email, email.lower(), hashlib.md5(e).hexdigest(), hashlib.sha1(e).hexdigest(),
            hashlib.sha256(e).hexdigest(), urllib.parse.quote(email)]
