"""Exercise-name normalisation and resolution (pure).

``resolve`` turns what a lifter types into a canonical catalog name.  Matching is case- and
punctuation-insensitive ("single-leg press" is "Single Leg Press") and tries, in order:

1. the exact normalised name;
2. the exact normalised alias;
3. the same with spaces removed ("singlelegpress", "single legpress");
4. whole words: every query word is a whole word of a name or alias, in any order ("row" is a
   word of Dumbbell Row, Barbell Row ... and of Rowing Machine's alias "row erg": it lists
   them and picks none; "rowing" alone would not count, it is another word);
5. a prefix, word by word: each query word starts the corresponding word of a NAME
   ("sing leg pr" for "single leg press"; "lunges" is not a prefix of "lunge sprint");
6. otherwise NotFound, with up to three close names as suggestions, ranked by spelling and by
   words in common. A prefix of part of an alias word ("press" of "press-up") never picks an
   exercise on its own: it is offered first among the suggestions.

A step that matches several exercises raises AmbiguousName: nothing the lifter did not mean is
ever picked.  Work is linear in the catalog
(about a thousand names): nothing is cached between calls.
"""

from __future__ import annotations

import difflib
import heapq
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from tracker.domain.errors import InvalidValue, NotFound, TrackerError
from tracker.domain.specs import shown

_NON_WORD = re.compile(r"[\W_]+")
# Letters that Unicode does not decompose into a base letter and an accent.
_UNDECOMPOSED = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d",
                               "þ": "th", "ı": "i"})
_ASCII_SPACES = {c: " " for c in range(128) if not re.fullmatch(r"[0-9a-z\n]", chr(c))}
_SHORTLIST = 50  # keys handed to difflib for suggestions
# Input limits, defined here once; the database columns are sized by them (adapters/tables.py).
MAX_NAME = 200  # exercise, alias and session names
MAX_LIFTER_NAME = 100
MAX_FIELD = 50  # an exercise's body part, equipment, target and category
MAX_SOURCE = 100  # an exercise's source (free-exercise-db:ID)
MAX_LISTED = 8  # names an AmbiguousName message lists before "and N more"
MAX_SUGGESTIONS = 3
_CUTOFF = 0.6  # difflib's usual similarity cut-off for "close"
_WORDS_CUTOFF = 0.6  # or most of the query's words appear in the name
_WORD_MATCH = 0.8  # a query word and a name word this similar count as the same word


def check_length(name: str, what: str, limit: int) -> str:
    """``name`` when it has at most ``limit`` characters, else InvalidValue naming ``what``
    ("a lifter name"): the one message of every typed name's limit."""
    if len(name) > limit:
        raise InvalidValue(f"{what} can have at most {limit} characters, got {len(name)}")
    return name


def normalize(name: str) -> str:
    """Case-, accent- and punctuation-insensitive key: "Single-Leg  Press" -> "single leg press".

    Letters of every script count ("Жим лёжа" -> "жим лежа"); accents are dropped so that
    "Développé" and "Developpe" are the same name.
    """
    if name.isascii():
        return _NON_WORD.sub(" ", name.lower()).strip()
    decomposed = unicodedata.normalize("NFKD", name.casefold().translate(_UNDECOMPOSED))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", bare).strip()


# Plurals that add "es" to the singular ("presses", "crunches", "boxes").
_ES_ENDINGS = ("sses", "xes", "ches", "shes")
# Words that end in s but are singular ("press", "circus", "tibialis").
_NOT_PLURAL = ("ss", "us", "is")
# Singulars whose plural is not a plain s, so no plural is guessed.
_NO_PLAIN_S = ("s", "sh", "ch", "x")


def singular(word: str) -> str:
    """The singular of a plural word in an exercise name, else the word itself.

    "Presses" -> "Press", "Crunches" -> "Crunch", "Extensions" -> "Extension", "Ups" -> "Up";
    "Press", "Circus" and "Up" stay. Case is kept.
    """
    lower = word.lower()
    if lower.endswith(_ES_ENDINGS):
        return word[:-2]
    if lower.endswith("s") and not lower.endswith(_NOT_PLURAL) and len(word) > 2:
        return word[:-1]
    return word


def plural(word: str) -> str | None:
    """The plural of a word that takes a plain "s" ("Extension" -> "Extensions"), else None:
    words ending in s, sh, ch or x, digits and punctuation get no guess."""
    lower = word.lower()
    if lower[-1:].isalpha() and not lower.endswith(_NO_PLAIN_S):
        return f"{word}s"
    return None


@dataclass(frozen=True)
class NameEntry:
    """A catalog exercise as resolution sees it: its canonical name and its aliases."""

    name: str
    aliases: tuple[str, ...] = ()


class AmbiguousName(TrackerError):
    """A query matches more than one exercise; ``matches`` holds their names, sorted."""

    def __init__(self, query: str, matches: Iterable[str]) -> None:
        self.query = query
        self.matches = tuple(sorted(set(matches), key=lambda name: (name.casefold(), name)))
        listed = ", ".join(self.matches[:MAX_LISTED])
        more = len(self.matches) - MAX_LISTED
        if more > 0:
            listed += f" and {more} more"
        super().__init__(
            f'"{shown(query)}" matches several exercises: {listed}; type more of the name'
        )


def check_typed_name(query: str) -> None:
    """A name with a line break, tab or other control character is refused: normalising would
    read `leg\npress` as Leg Press, a name nobody typed on one line."""
    if any(unicodedata.category(c) == "Cc" for c in query):
        escaped = shown(query.encode("unicode_escape").decode("ascii"))
        raise NotFound(
            f'no exercise named "{escaped}": a name has no line break, tab or other control '
            "character; type it on one line"
        )


def resolve(query: str, entries: Sequence[NameEntry]) -> str:
    """The canonical name ``query`` refers to; NotFound or AmbiguousName otherwise."""
    wanted = normalize(query)
    if not wanted:
        raise NotFound("no exercise name given: type one; see: tracker exercises list")
    # Parallel lists: spelling i (names first, then aliases) belongs to exercise owners[i].
    owners = [entry.name for entry in entries]
    owners += [entry.name for entry in entries for _ in entry.aliases]
    keys = normalize_all(
        [entry.name for entry in entries] + [a for e in entries for a in e.aliases]
    )
    for indexes in _matches(wanted, keys, len(entries)):
        found = {owners[i] for i in indexes}
        if len(found) == 1:
            return found.pop()
        if found:
            raise AmbiguousName(query, found)
    words = _word_prefix_pattern(wanted)
    alias_prefixed = [owners[i] for i in range(len(entries), len(keys)) if words.match(keys[i])]
    raise _not_found(query, wanted, keys, owners, alias_prefixed)


def normalize_all(texts: Sequence[str]) -> list[str]:
    """``[normalize(t) for t in texts]``, several times faster on a whole catalog.

    A per-name regex call costs about a microsecond; one pass over the joined text costs a
    fraction of that per name, which keeps resolution well under 10 ms for ~1,000 exercises.
    """
    joined = "\n".join(texts).lower()
    if not texts or not joined.isascii() or joined.count("\n") != len(texts) - 1:
        return [normalize(text) for text in texts]  # rare: non-ASCII names, or a newline
    spaced = joined.translate(_ASCII_SPACES)
    return [" ".join(line.split()) for line in spaced.split("\n")]


def _matches(wanted: str, keys: list[str], name_count: int) -> Iterator[list[int]]:
    """Indexes of the matching spellings, one list per step, most exact step first."""
    yield [i for i in range(name_count) if keys[i] == wanted]
    yield [i for i in range(name_count, len(keys)) if keys[i] == wanted]
    compact = wanted.replace(" ", "")
    compacts = "\n".join(keys).replace(" ", "").split("\n") if keys else []
    yield [i for i, key in enumerate(compacts) if key == compact]
    query_words = set(wanted.split())
    yield [i for i, key in enumerate(keys) if query_words <= set(key.split())]
    words = _word_prefix_pattern(wanted)
    # Word by word only: a space-free prefix would let "lunges" pick "Lunge Sprint". Names
    # only: a prefix of an alias word ("row" of "rowing") must not pick an exercise alone.
    yield [i for i in range(name_count) if words.match(keys[i])]


def _word_prefix_pattern(wanted: str) -> re.Pattern[str]:
    """Each query word starts the name word at its position: "sing leg pr" ~ "single leg press".

    Keys are words joined by single spaces, so ``word[^ ]* `` pins each query word to the
    start of one key word; the key may have more words after the last one.
    """
    *leading, last = wanted.split()
    return re.compile("".join(f"{re.escape(word)}[^ ]* " for word in leading) + re.escape(last))


def _not_found(
    query: str, wanted: str, keys: list[str], owners: list[str], first: Sequence[str] = ()
) -> NotFound:
    """NotFound naming up to three close canonical names, best first (``first`` leads)."""
    head = f'no exercise named "{shown(query)}"'
    suggestions = list(dict.fromkeys([*first, *_suggestions(wanted, keys, owners)]))
    suggestions = suggestions[:MAX_SUGGESTIONS]
    if not suggestions:
        return NotFound(f"{head}; see: tracker exercises list")
    return NotFound(f"{head}; did you mean: {', '.join(suggestions)}?")


def _suggestions(wanted: str, keys: list[str], owners: list[str]) -> list[str]:
    """Up to three canonical names whose name or alias is close to ``wanted``, best first.

    Close means similar spelling (difflib's ratio) plus the share of the query's words that
    the name contains, so "single arm press" ranks Single-Arm Dumbbell Shoulder Press above
    Single Leg Press.
    """
    letters = set(wanted)
    query_words = wanted.split()
    exact_words = set(query_words)
    # difflib's ratio costs ~10 us a pair; a shared-letter score cheaply picks the few to rank.
    shortlist = heapq.nlargest(
        _SHORTLIST,
        dict.fromkeys(key for key in keys if key),
        key=lambda key: (
            len(letters.intersection(key)) / (len(letters) + len(key))
            + len(exact_words.intersection(key.split()))
        ),
    )
    scored = []
    for key in shortlist:
        spelling = difflib.SequenceMatcher(None, wanted, key).ratio()
        shared = _shared_words(query_words, key)
        if spelling >= _CUTOFF or shared >= _WORDS_CUTOFF:
            scored.append((spelling + shared, key))
    # More keys than suggestions: several aliases of one exercise may all be close.
    close = [key for _, key in sorted(scored, key=lambda item: -item[0])][: 4 * MAX_SUGGESTIONS]
    rank = {key: position for position, key in enumerate(close)}
    ranked = sorted((rank[key], i) for i, key in enumerate(keys) if key in rank)
    return list(dict.fromkeys(owners[i] for _, i in ranked))[:MAX_SUGGESTIONS]


def _shared_words(query_words: Sequence[str], key: str) -> float:
    """The share of query words found in ``key`` (a close spelling counts: "pres", "press")."""
    if not query_words:
        return 0.0
    key_words = key.split()
    found = 0
    for word in query_words:
        if word in key_words or any(
            difflib.SequenceMatcher(None, word, other).ratio() >= _WORD_MATCH for other in key_words
        ):
            found += 1
    return found / len(query_words)
