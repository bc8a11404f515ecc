#!/usr/bin/env bash
# Refreshes every translation catalogue (docs/translating.md), in one go:
#   - the core's gettext catalogue: Babel extracts `_()`, `ngettext()` and `N_()` from hexikit/,
#     sync/ and ui/ into assets/locale/hexikit.pot, merges it into each
#     assets/locale/<lang>/LC_MESSAGES/hexikit.po and compiles the .mo;
#   - the UI's Qt Linguist catalogue: pyside6-lupdate extracts `tr()` / `translate()` from ui/
#     into assets/locale/qt/hexikit_<lang>.ts, pyside6-lrelease compiles the .qm.
# New strings arrive untranslated (and the completeness test fails) until someone translates
# them in the .po (any PO editor, e.g. Poedit) and the .ts (pyside6-linguist), then runs this
# again to compile.
#
#   bash scripts/i18n.sh            # extract, merge, compile
#   bash scripts/i18n.sh --compile  # compile only (after editing a .po or .ts)
set -euo pipefail
cd "$(dirname "$0")/.."
LOCALE=assets/locale
LANGS=(cy)
BIN=.venv/bin
if [ "${1:-}" != "--compile" ]; then
  "$BIN/pybabel" --quiet extract --sort-by-file --no-wrap \
    -k N_ --project=Hexikit --copyright-holder="Hexikit contributors" \
    --msgid-bugs-address="https://hexitime.com" \
    -o "$LOCALE/hexikit.pot" hexikit sync ui
  for lang in "${LANGS[@]}"; do
    po="$LOCALE/$lang/LC_MESSAGES/hexikit.po"
    if [ -f "$po" ]; then
      "$BIN/pybabel" --quiet update --no-wrap --no-fuzzy-matching --ignore-obsolete \
        -D hexikit -d "$LOCALE" -l "$lang" -i "$LOCALE/hexikit.pot"
    else
      "$BIN/pybabel" --quiet init --no-wrap -D hexikit -d "$LOCALE" -l "$lang" \
        -i "$LOCALE/hexikit.pot"
    fi
    # Sorted, so the list is the same on every machine.
    mapfile -t sources < <(find ui -name '*.py' | LC_ALL=C sort)
    "$BIN/pyside6-lupdate" -silent -no-obsolete -locations relative -target-language "$lang" \
      "${sources[@]}" -ts "$LOCALE/qt/hexikit_$lang.ts"
  done
fi
for lang in "${LANGS[@]}"; do
  "$BIN/pybabel" compile --statistics -D hexikit -d "$LOCALE" -l "$lang"
  "$BIN/pyside6-lrelease" -silent "$LOCALE/qt/hexikit_$lang.ts" -qm "$LOCALE/qt/hexikit_$lang.qm"
  # Qt's own texts (buttons, edit menus) where Qt ships no qtbase_<lang>; written by hand.
  supplement="$LOCALE/qt/qtbase_supplement_$lang.ts"
  if [ -f "$supplement" ]; then
    "$BIN/pyside6-lrelease" -silent "$supplement" -qm "${supplement%.ts}.qm"
  fi
done
