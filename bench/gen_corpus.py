#!/usr/bin/env python3
"""Synthetic benchmark corpus: N realistic pages made from the samples in samples/.

    bench/gen_corpus.py N OUTDIR [--seed S] [--mutate P] [--samples DIR]

Each page is a variation of one sample: other numbers, names, localities, dates, metryka
labels shuffled or missing, body paragraphs repeated or removed, and one of four encodings
(~70% UTF-8, 15% windows-1250, 10% ISO-8859-2, 5% UTF-8 with BOM and CRLF). Page i depends
only on (seed, i), so runs are deterministic and corpora generated with the same seed line up
page by page. Files go to OUTDIR/dNNN/page_NNNNNNN.txt, 1000 per directory.

--mutate P makes the "next snapshot" of the corpus with the same seed: a fraction P of the
pages is changed (population, a paragraph, a date), P/2 is removed and P/2 new pages are
added at the end. Used by scripts/bench.sh to time `diff`.
"""
import argparse
import os
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

# (nominative, genitive, locative, county, voivodeship, postcode prefix)
PLACES = [
    ("Płońsk", "Płońska", "Płońsku", "płoński", "mazowieckie", "09"),
    ("Słupsk", "Słupska", "Słupsku", "słupski", "pomorskie", "76"),
    ("Płock", "Płocka", "Płocku", "płocki", "mazowieckie", "09"),
    ("Zgorzelec", "Zgorzelca", "Zgorzelcu", "zgorzelecki", "dolnośląskie", "59"),
    ("Sopot", "Sopotu", "Sopocie", "sopocki", "pomorskie", "81"),
    ("Kraków", "Krakowa", "Krakowie", "krakowski", "małopolskie", "30"),
    ("Łódź", "Łodzi", "Łodzi", "łódzki wschodni", "łódzkie", "90"),
    ("Gdańsk", "Gdańska", "Gdańsku", "gdański", "pomorskie", "80"),
    ("Wrocław", "Wrocławia", "Wrocławiu", "wrocławski", "dolnośląskie", "50"),
    ("Poznań", "Poznania", "Poznaniu", "poznański", "wielkopolskie", "60"),
    ("Lublin", "Lublina", "Lublinie", "lubelski", "lubelskie", "20"),
    ("Białystok", "Białegostoku", "Białymstoku", "białostocki", "podlaskie", "15"),
    ("Rzeszów", "Rzeszowa", "Rzeszowie", "rzeszowski", "podkarpackie", "35"),
    ("Kielce", "Kielc", "Kielcach", "kielecki", "świętokrzyskie", "25"),
    ("Opole", "Opola", "Opolu", "opolski", "opolskie", "45"),
    ("Olsztyn", "Olsztyna", "Olsztynie", "olsztyński", "warmińsko-mazurskie", "10"),
    ("Toruń", "Torunia", "Toruniu", "toruński", "kujawsko-pomorskie", "87"),
    ("Zielona Góra", "Zielonej Góry", "Zielonej Górze", "zielonogórski", "lubuskie", "65"),
    ("Szczecin", "Szczecina", "Szczecinie", "policki", "zachodniopomorskie", "70"),
    ("Katowice", "Katowic", "Katowicach", "katowicki", "śląskie", "40"),
    ("Żyrardów", "Żyrardowa", "Żyrardowie", "żyrardowski", "mazowieckie", "96"),
    ("Świdnica", "Świdnicy", "Świdnicy", "świdnicki", "dolnośląskie", "58"),
    ("Ełk", "Ełku", "Ełku", "ełcki", "warmińsko-mazurskie", "19"),
    ("Nowy Sącz", "Nowego Sącza", "Nowym Sączu", "nowosądecki", "małopolskie", "33"),
]
FIRST = ["Katarzyna", "Iwona", "Kazimierz", "Anna", "Piotr", "Małgorzata", "Józef", "Ewa",
         "Grzegorz", "Agnieszka", "Łukasz", "Barbara", "Zbigniew", "Żaneta", "Michał"]
LAST = ["Mikołajewska", "Niemasz", "Cieślik", "Nowak", "Kowalski", "Wiśniewska", "Wójcik",
        "Kamińska", "Lewandowski", "Zielińska", "Szymańska", "Woźniak", "Dąbrowski", "Kozłowska"]
ROLES = ["Dyrektor Wydziału Polityki Społecznej", "Pełnomocnik ds. Organizacji Pozarządowych",
         "Kierownik Działu Pomocy Rodzinie", "Starszy specjalista ds. profilaktyki",
         "Dyrektor Miejskiego Ośrodka Pomocy Społecznej"]
UNIT_TYPES = ["gmina miejska", "gmina wiejska", "gmina miejsko-wiejska", "powiat ziemski",
              "miasto na prawach powiatu", "województwo"]
UNITS = ["Urząd Miejski w {loc}", "Starostwo Powiatowe w {loc}", "Urząd Miasta",
         "Miejski Ośrodek Pomocy Społecznej w {loc}", "Urząd Gminy"]
STREETS = ["ul. Płocka", "ul. Szarych Szeregów", "Stary Rynek", "ul. Mickiewicza",
           "ul. Kościuszki", "pl. Wolności", "ul. Żeromskiego", "al. Niepodległości"]
DEPTS = ["Dział Pomocy Rodzinie", "Dział Pieczy Zastępczej", "Zespół Pracy Socjalnej",
         "Dział Świadczeń", "Punkt Interwencji Kryzysowej"]
TITLE_TAILS = ["", " – kontynuacja", " w latach {y}-{y2}", " (edycja {n})", " – program nr {n}",
               " – etap {n}"]
MONTHS = ["stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia",
          "września", "października", "listopada", "grudnia"]
DAYS = ["Poniedziałek", "Wtorek", "Środa", "Czwartek", "Piątek", "Sobota", "Niedziela"]
# Characters ISO-8859-2 lacks, written the way such sites wrote them.
ISO_FALLBACK = [("„", '"'), ("”", '"'), ("“", '"'), ("–", "-"), ("—", "-"), ("…", "..."),
                ("•", "*"), ("’", "'")]

NUM_RE = re.compile(r"(?<![\w.])\d{1,3}(?:(?:\.|\u00a0| )\d{3})+(?![\w])|(?<![\w.,-])\d+(?![\w])")
YEAR_RE = re.compile(r"^(19[5-9]\d|20[0-3]\d)$")


_SPLIT_CACHE = {}


def _split_numbers(text):
    """text → [literal, (sep, value) or None for years, literal, …], cached per text."""
    parts = _SPLIT_CACHE.get(text)
    if parts is None:
        parts, pos = [], 0
        for m in NUM_RE.finditer(text):
            s = m.group(0)
            if YEAR_RE.match(s) or len(s) == 1:
                continue
            sep = next((c for c in (".", "\u00a0", " ") if c in s), None)
            parts += [text[pos:m.start()], (sep, int(s.replace(sep, "") if sep else s))]
            pos = m.end()
        parts.append(text[pos:])
        _SPLIT_CACHE[text] = parts
    return parts


def perturb_numbers(text, rng):
    """Replaces counts and amounts (not years) by other numbers written the same way."""
    parts = _split_numbers(text)
    if len(parts) == 1:
        return text
    out = []
    for j, p in enumerate(parts):
        if j % 2 == 0:
            out.append(p)
            continue
        sep, v = p
        v = max(1, int(v * (0.5 + 1.3 * rng.random())))
        out.append(f"{v:,}".replace(",", sep) if sep else str(v))
    return "".join(out)


class Bdp:
    """A BDP card split into parts: header, breadcrumb, title, body paragraphs, footer."""

    def __init__(self, lines):
        nav = [i for i, l in enumerate(lines) if l.startswith(".:")]
        met = next(i for i, l in enumerate(lines) if l.startswith("Metryka praktyki"))
        crumb = nav[0] - 2
        while crumb > 0 and " : " not in lines[crumb]:
            crumb -= 1
        self.header = lines[:crumb]
        self.crumb = lines[crumb]
        self.title = lines[crumb + 1]
        self.nav = lines[nav[0]]
        self.paragraphs = [l for l in lines[nav[0] + 1:met] if l.strip()]
        self.footer = lines[nav[1] + 1:] if len(nav) > 1 else []


def load_samples(sdir):
    bdp, mops, slides = [], [], []
    for p in sorted(Path(sdir).glob("*.txt")):
        lines = p.read_text(encoding="utf-8").split("\n")
        text = "\n".join(lines)
        if "Metryka praktyki" in text:
            bdp.append(Bdp(lines))
        elif "Zapis prezentacji" in text:
            slides.append(lines)
        else:
            mops.append(lines)
    if not bdp or not mops or not slides:
        sys.exit("gen_corpus: samples/ must hold a BDP card, a MOPS page and a slide deck")
    return bdp, mops, slides


def nbsp_sep(rng):
    r = rng.random()
    return ":  " if r < 0.8 else (":\u00a0 " if r < 0.9 else ": ")


def phone(rng):
    return f"{rng.randint(12, 95)} {rng.randint(100, 999)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}"


_DOMAINS = {}


def _domain(nom):
    d = _DOMAINS.get(nom)
    if d is None:
        d = re.sub(r"[^a-z]", "", nom.lower().translate(str.maketrans("łńśźżóąęć", "lnszzoaec")))
        d = _DOMAINS[nom] = d + ".pl"
    return d


def make_bdp(i, rng, samples, mutate):
    s = rng.choice(samples)
    place = rng.choice(PLACES)
    nom, gen, loc, county, voiv, pc = place
    y = rng.randint(2003, 2011)
    tail = rng.choice(TITLE_TAILS).format(y=y, y2=y + rng.randint(1, 4), n=i)
    title = f"{s.title.strip()} w {loc}{tail} [{i}]"
    header = list(s.header)
    visitors = f"{rng.randint(1, 2)}.{rng.randint(0, 999):03d}.{rng.randint(0, 999):03d}"
    header = [visitors if re.fullmatch(r"\d\.\d{3}\.\d{3}", l) else l for l in header]
    pool = rng.choice(samples).paragraphs + s.paragraphs
    k = max(1, int(rng.triangular(1, 10, 3)))
    paras = [perturb_numbers(rng.choice(pool), rng) for _ in range(k)]
    entered = f"{rng.randint(2007, 2011)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    updated = f"{rng.randint(2011, 2012)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    pop = rng.randint(2000, 800000)
    first, last = rng.choice(FIRST), rng.choice(LAST)
    domain = _domain(nom)
    fields = [
        ("Data aktualizacji", updated),
        ("Typ jednostki", rng.choice(UNIT_TYPES)),
        ("Miejscowość", nom),
        ("Powiat", county),
        ("Województwo", voiv),
        ("Kod pocztowy i Poczta", f"{pc}-{rng.randint(0, 999):03d} {nom}"),
        ("Jednostka wdrażająca", rng.choice(UNITS).format(loc=loc)),
        ("Ulica", f"{rng.choice(STREETS)} {rng.randint(1, 120)}"),
        ("Telefon", phone(rng)),
        ("Fax", phone(rng)),
        (rng.choice(["Wirtyna internetowa", "Witryna internetowa"]),
         f"www.{domain}" + ("\n www.bip." + domain if rng.random() < 0.3 else "")),
        ("Adres e@mail", f"urzad@{domain}"),
        ("Liczba mieszkańców", f"{pop:,}".replace(",", ".")),
    ]
    fields = [f for f in fields if rng.random() > 0.1]  # missing labels
    if rng.random() < 0.3:
        rng.shuffle(fields)
    contact = (f"Osoby kontaktowe{nbsp_sep(rng)}{first} {last}\n {rng.choice(ROLES)}\n"
               f" tel. {phone(rng)}\n e@mail: {first[0].lower()}.{last.lower()}@{domain}")
    if mutate:
        r = rng.random()
        if r < 0.4:
            fields.append(("Liczba mieszkańców", f"{pop + rng.randint(1, 999):,}".replace(",", ".")))
            fields = [f for f in fields if f[0] != "Liczba mieszkańców"] + [fields[-1]]
        elif r < 0.7:
            paras.append(perturb_numbers(rng.choice(pool), rng))
        else:
            paras = paras[:-1] or paras
            updated = "2013-01-15"
    met = ["Metryka praktyki", f"Data wprowadzenia do BDP{nbsp_sep(rng)}{entered}", ""]
    met += [f"{label}{nbsp_sep(rng)}{value}" for label, value in fields]
    met.append(contact)
    out = header + [s.crumb, title, "", s.nav, "", ""]
    for p in paras:
        out += [p, ""]
    out += met + ["", s.nav] + s.footer
    return "\n".join(out)


def make_mops(i, rng, samples, mutate):
    lines = list(rng.choice(samples))
    nom, gen, loc = rng.choice(PLACES)[:3]
    text = "\n".join(lines).replace("Zgorzelca", gen).replace("Zgorzelcu", loc).replace(
        "Zgorzelec", nom)
    lines = text.split("\n")
    cut = next((j for j, l in enumerate(lines) if any(l.startswith(d) for d in DAYS)), len(lines))
    body = [l for l in lines[1:cut] if l.strip()]
    k = max(1, int(rng.triangular(1, 2 * len(body), len(body))))
    paras = [perturb_numbers(rng.choice(body), rng) for _ in range(k)]
    if mutate:
        paras.append(perturb_numbers(rng.choice(body), rng))
    date = f"{rng.choice(DAYS)} {rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2015, 2024)}"
    out = [f"{lines[0]} ({nom}, {i})", ""]
    for p in paras:
        out += [p, ""]
    out += [date] + [l for l in lines[cut + 1:]]
    return "\n".join(out)


def make_slides(i, rng, samples, mutate):
    lines = list(rng.choice(samples))
    nom, gen, loc = rng.choice(PLACES)[:3]
    dept = rng.choice(DEPTS)
    text = "\n".join(lines).replace("Sopocie", loc).replace("Sopot", nom).replace(
        "Dział Pomocy Rodzinie", f"{dept} nr {i}")
    lines = text.split("\n")
    # Slides are "N title" lines followed by their text; drop some slide texts, perturb numbers.
    out = []
    for l in lines:
        if re.match(r"^\d+ ", l) or not l.strip():
            out.append(l)
        elif rng.random() < 0.15:
            continue
        else:
            out.append(perturb_numbers(l, rng))
    if mutate:
        out.insert(len(out) // 2, "Zmiany wprowadzone w programie w " + str(rng.randint(2007, 2012)) + " r.")
    return "\n".join(out)


def encode(text, rng):
    r = rng.random()
    if r < 0.70:
        return text.encode("utf-8")
    if r < 0.85:
        return text.encode("cp1250", errors="replace")
    if r < 0.95:
        for a, b in ISO_FALLBACK:
            text = text.replace(a, b)
        return text.encode("iso-8859-2", errors="replace")
    return b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")


def page(i, seed, samples, mutate_p):
    rng = random.Random(f"{seed}:{i}")
    kind = rng.random()
    enc_rng = random.Random(f"{seed}:enc:{i}")
    mrng = random.Random(f"{seed}:mut:{i}")
    mutate = mutate_p > 0 and mrng.random() < mutate_p
    if kind < 0.6:
        text = make_bdp(i, rng, samples[0], mutate)
    elif kind < 0.8:
        text = make_mops(i, rng, samples[1], mutate)
    else:
        text = make_slides(i, rng, samples[2], mutate)
    return encode(text, enc_rng)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int)
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--mutate", type=float, default=0.0,
                    help="fraction of pages changed (and half as many removed and added)")
    ap.add_argument("--samples", default=str(HERE.parent / "samples"))
    a = ap.parse_args()
    samples = load_samples(a.samples)
    out = Path(a.outdir)
    indices = range(a.n)
    if a.mutate > 0:
        removed = {i for i in range(a.n) if random.Random(f"{a.seed}:rm:{i}").random() < a.mutate / 2}
        added = int(a.n * a.mutate / 2)
        indices = [i for i in range(a.n) if i not in removed] + list(range(a.n, a.n + added))
    made_dirs = set()
    total = 0
    for i in indices:
        d = out / f"d{i // 1000:03d}"
        if d not in made_dirs:
            d.mkdir(parents=True, exist_ok=True)
            made_dirs.add(d)
        data = page(i, a.seed, samples, a.mutate)
        total += len(data)
        with open(d / f"page_{i:07d}.txt", "wb") as f:
            f.write(data)
    print(f"gen_corpus: {len(indices)} pages, {total} bytes in {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
