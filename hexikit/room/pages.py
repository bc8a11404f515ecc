"""The room's HTML: one mobile-first page with a plain form, no JavaScript, no external files.

Every user text goes through `html.escape`. The style sheet is inline and allowed by its hash
in the Content-Security-Policy (`CSP`), which allows nothing else: no scripts, no frames, no
other origins, forms posting only here.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from html import escape

from hexikit.base.i18n import _, current_language
from hexikit.records.domain import CATEGORIES, REGIONS, Kind, consent_wording
from hexikit.room.entries import OwnEntry

STYLE = """
*{box-sizing:border-box}
body{margin:0;font:18px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
background:#f6f7f9;color:#111}
main{max-width:36rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;margin:.25rem 0 .5rem}
h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
p{margin:.5rem 0}
label,legend{font-weight:600;display:block;margin:1rem 0 .35rem}
fieldset{border:0;margin:0;padding:0}
input[type=text],textarea{width:100%;font:inherit;padding:.7rem;min-height:48px;
border:2px solid #555;border-radius:8px;background:#fff;color:#111}
textarea{min-height:6rem}
input:focus,textarea:focus,button:focus,a:focus{outline:3px solid #0b5fff;outline-offset:2px}
.chips{display:flex;flex-wrap:wrap;gap:.5rem}
.chip{display:inline-flex;align-items:center;gap:.4rem;margin:0;font-weight:500;
min-height:48px;padding:.4rem .9rem;border:2px solid #555;border-radius:24px;background:#fff}
.chip input{width:22px;height:22px;margin:0}
.kinds .chip{font-size:1.1rem}
.consent{display:flex;gap:.7rem;align-items:flex-start;font-weight:500;margin-top:1.2rem}
.consent input{width:28px;height:28px;flex:none;margin:.1rem 0 0}
.hint{color:#333;font-size:.95rem}
.error{color:#a00000;font-weight:600}
.problems{border:3px solid #a00000;border-radius:8px;padding:.5rem 1rem;background:#fff}
.saved{border:3px solid #0a6b2d;border-radius:8px;padding:.5rem 1rem;background:#fff}
button{font:inherit;font-weight:700;width:100%;min-height:56px;margin:1.5rem 0 .5rem;
border:0;border-radius:10px;background:#0b5fff;color:#fff}
ul.mine{padding-left:1.2rem}
ul.mine li{margin:.4rem 0}
a{color:#0b4fd6}
.edit{display:inline-block;min-height:44px;padding:.5rem 0}
"""

_STYLE_HASH = base64.b64encode(hashlib.sha256(STYLE.encode("utf-8")).digest()).decode("ascii")

#: Nothing but this page's own style and same-origin form posts.
CSP = (
    "default-src 'none'; "
    f"style-src 'sha256-{_STYLE_HASH}'; "
    "img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)


@dataclass
class FormState:
    """What the form shows: the values as typed (kept after a refusal) and each problem."""

    kind: str = str(Kind.OFFER)
    title: str = ""
    name: str = ""
    consent: bool = False
    categories: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    description: str = ""
    problems: Mapping[str, str] = field(default_factory=dict)
    #: The one-time key of a new entry's form (a double tap is stored once).
    post_key: str = ""


def _attr(value: str) -> str:
    return escape(value, quote=True)


def _key(state: FormState) -> str:
    if not state.post_key:
        return ""
    return f'<input type="hidden" name="post_key" value="{_attr(state.post_key)}">\n'


def page_language() -> str:
    """The page's `lang`: the laptop's language (the whole room hears the session in one)."""
    return "cy" if current_language() == "cy" else "en"


def _kind_label(kind: str) -> str:
    return _("Request") if kind == str(Kind.REQUEST) else _("Offer")


def _problem(state: FormState, key: str) -> str:
    message = state.problems.get(key)
    if not message:
        return ""
    return f'<p class="error" id="{key}-error">{escape(message)}</p>'


def _invalid(state: FormState, key: str) -> str:
    if key in state.problems:
        return f' aria-invalid="true" aria-describedby="{key}-error"'
    return ""


def _chips(name: str, legend: str, hint: str, choices: Sequence[str], state: FormState) -> str:
    chosen = set(getattr(state, name))
    boxes = "".join(
        f'<label class="chip"><input type="checkbox" name="{name}" value="{_attr(choice)}"'
        f"{' checked' if choice in chosen else ''}> {escape(_(choice))}</label>"
        for choice in choices
    )
    return (
        f'<fieldset id="{name}"{_invalid(state, name)}><legend>{escape(legend)}</legend>'
        f'<p class="hint">{escape(hint)}</p>{_problem(state, name)}'
        f'<div class="chips">{boxes}</div></fieldset>'
    )


def _form(action: str, csrf: str, state: FormState, button: str) -> str:
    kinds = "".join(
        f'<label class="chip"><input type="radio" name="kind" value="{kind}"'
        f"{' checked' if state.kind == kind else ''}> {escape(_kind_label(kind))}</label>"
        for kind in (str(Kind.OFFER), str(Kind.REQUEST))
    )
    # Babel on Python 3.11 cannot see calls inside f-strings: each text is looked up first.
    kind_legend = _("Is this an offer or a request?")
    title_label = _("What you can offer, or what you need")
    description_label = _("More detail (optional)")
    categories = _chips("categories", _("Categories"), _("Choose any that fit."), CATEGORIES, state)
    regions = _chips(
        "regions", _("Regions"), _("Where you can help, or need help."), REGIONS, state
    )
    name_label = _("Your name")
    consent = consent_wording()
    consent_hint = _("Without this, your name stays on the laptop and is not shown.")
    return f"""<form method="post" action="{_attr(action)}" accept-charset="utf-8">
<input type="hidden" name="csrf" value="{_attr(csrf)}">
{_key(state)}<fieldset class="kinds" id="kind"{_invalid(state, "kind")}>
<legend>{escape(kind_legend)}</legend>{_problem(state, "kind")}
<div class="chips">{kinds}</div></fieldset>
<label for="title">{escape(title_label)}</label>
{_problem(state, "title")}<input type="text" id="title" name="title" maxlength="200"
 value="{_attr(state.title)}" required{_invalid(state, "title")}>
<label for="description">{escape(description_label)}</label>
{_problem(state, "description")}<textarea id="description" name="description"
 maxlength="5000"{_invalid(state, "description")}>{escape(state.description)}</textarea>
{categories}
{regions}
<label for="name">{escape(name_label)}</label>
{_problem(state, "name")}<input type="text" id="name" name="name" maxlength="200"
 autocomplete="name" value="{_attr(state.name)}" required{_invalid(state, "name")}>
<label class="consent" for="consent"><input type="checkbox" id="consent" name="consent"
 value="yes"{" checked" if state.consent else ""}>
<span>{escape(consent)}</span></label>
<p class="hint">{escape(consent_hint)}</p>
<button type="submit">{escape(button)}</button>
</form>"""


def _page(title: str, body: str) -> str:
    return f"""<!doctype html>
<html lang="{_attr(page_language())}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>{escape(title)}</title><style>{STYLE}</style></head>
<body><main>{body}</main></body></html>"""


def _summary(state: FormState) -> str:
    if not state.problems:
        return ""
    heading = _("Not added yet: please check these.")
    items = "".join(
        f'<li><a href="#{_attr(key)}">{escape(message)}</a></li>'
        for key, message in state.problems.items()
    )
    return (
        f'<div class="problems" role="alert"><p><strong>'
        f"{escape(heading)}</strong></p><ul>{items}</ul></div>"
    )


def _mine(base: str, entries: Sequence[OwnEntry]) -> str:
    if not entries:
        return ""
    correct = _("Correct")
    heading = _("What you have added")
    items = "".join(
        f"<li>{escape(_kind_label(entry.kind))}: {escape(entry.title)} "
        f'<a class="edit" href="{_attr(base)}/entries/{_attr(entry.id)}">'
        f"{escape(correct)}</a></li>"
        for entry in entries
    )
    return f'<h2>{escape(heading)}</h2><ul class="mine">{items}</ul>'


def join_page(
    base: str,
    csrf: str,
    event_title: str,
    state: FormState,
    entries: Sequence[OwnEntry],
    saved_title: str = "",
    notice: str = "",
) -> str:
    """The room's page: the form, what this phone added, and a confirmation after adding."""
    saved = ""
    if saved_title:
        thanks = _("Added, thank you:")
        more = _("Add another below, or correct one in your list.")
        saved = (
            f'<div class="saved" role="status"><p><strong>{escape(thanks)}'
            f"</strong> {escape(saved_title)}</p><p>{escape(more)}</p></div>"
        )
    if notice:
        saved += f'<div class="problems" role="alert"><p>{escape(notice)}</p></div>'
    intro = _("Add what you can offer the room, or what you need help with.")
    form = _form(f"{base}/entries", csrf, state, _("Add"))
    body = (
        f"<h1>{escape(event_title)}</h1>{saved}{_summary(state)}"
        f"<p>{escape(intro)}</p>{form}{_mine(base, entries)}"
    )
    return _page(_("Add an offer or request"), body)


def correct_page(base: str, csrf: str, entry_id: str, state: FormState, notice: str = "") -> str:
    """The form for correcting one of this phone's entries."""
    extra = f'<div class="problems" role="alert"><p>{escape(notice)}</p></div>' if notice else ""
    heading = _("Correct your entry")
    form = _form(f"{base}/entries/{entry_id}", csrf, state, _("Save the correction"))
    back = _("Back without changing it")
    body = (
        f"<h1>{escape(heading)}</h1>{extra}{_summary(state)}{form}"
        f'<p><a href="{_attr(base)}">{escape(back)}</a></p>'
    )
    return _page(_("Correct your entry"), body)


def message_page(title: str, text: str) -> str:
    """A plain page for a closed room, a wrong code, too many posts."""
    return _page(title, f"<h1>{escape(title)}</h1><p>{escape(text)}</p>")
