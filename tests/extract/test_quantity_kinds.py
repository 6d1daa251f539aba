"""The quantity layer's kinds, units and number forms (sentences written for these tests),
and property tests of the number parsers."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimwatch.extract import rules
from claimwatch.extract.numbers import as_claim, claim_worthiness, find_quantities
from claimwatch.extract.numbers.numerals import parse_words
from claimwatch.lexicon import numbers as lx
from claimwatch.model import Quantity


def found(text: str) -> list[Quantity]:
    return find_quantities(text)


def only(text: str) -> Quantity:
    qs = found(text)
    assert len(qs) == 1, qs
    return qs[0]


def close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9)


# --- kinds and units ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "value", "unit"),
    [
        ("The new depot covers 840 sq m of the old rail yard.", "measure", 840, "meter ** 2"),
        ("Each tablet ships with 512GB of storage.", "measure", 512, "gigabyte"),
        ("The pipeline will carry 1.2 million barrels per day by spring.", "rate", 1.2e6, "barrel / day"),
        ("The new ferry can reach 40 km/h in calm water.", "rate", 40, "kilometer / hour"),
        ("Growers expect 3.5 tonnes per hectare this season.", "rate", 3.5, "metric_ton / hectare"),
        ("The relay team finished in eleven minutes.", "duration", 11, "minute"),
        ("A 600-foot tanker ran aground near the port.", "measure", 600, "foot"),
        ("The valley town sits 17 km from the border.", "measure", 17, "kilometer"),
        ("Gusts of 30 m/s tore roofs off the sheds.", "rate", 30, "meter / second"),
        ("The probe drifted at 3 m/ms in the chamber.", "rate", 3, "meter / millisecond"),
        ("The alloy has a density of 7.9 g/cm3 at room temperature.", "rate", 7.9, "gram / centimeter ** 3"),
        ("The old boiler ran at 30 psi all winter.", "measure", 30, "pound_force_per_square_inch"),
        ("The charger draws 16 amps from the grid.", "measure", 16, "ampere"),
        ("Each panel is rated at 60W in full sun.", "measure", 60, "watt"),
        ("The reservoir lost 2 sq. km of surface in the drought.", "measure", 2, "kilometer ** 2"),
        ("The cellar stores 40 m3 of grain.", "measure", 40, "meter ** 3"),
        ("The walkers covered one and a half miles before noon.", "measure", 1.5, "mile"),
        ("The crossing took 2 and a half hours.", "duration", 2.5, "hour"),
        ("The harbour is about 2 m deep at low tide.", "measure", 2, "meter"),
        ("Stir in 250 g of sugar.", "measure", 250, "gram"),
        ("She swam the 400m freestyle in record time.", "measure", 400, "meter"),
        ("The ridge trail climbs to 2,350m above the lake.", "measure", 2350, "meter"),
        ("The link carries 100 megabits per second.", "rate", 100, "megabit / second"),
        ("Floods covered a 5,000-square-mile plain.", "measure", 5000, "mile ** 2"),
        ("Floods covered the 5,000 - square - mile plain.", "measure", 5000, "mile ** 2"),
        ("A 40-cubic-metre tank burst at the depot.", "measure", 40, "meter ** 3"),
    ],
)
def test_measures_rates_and_durations_have_pint_units(text: str, kind: str, value: float, unit: str) -> None:
    q = only(text)
    assert (q.kind, q.unit) == (kind, unit)
    assert close(q.value, value)
    assert q.surface_unit and q.surface_unit in q.text


def test_a_production_rate_is_a_claim_as_a_count_and_a_sports_time_is_not() -> None:
    text = "The refinery now processes 300,000 barrels a day, the operator said."
    q = only(text)
    assert q.kind == "rate" and claim_worthiness(q, text) >= lx.PROMOTE_AT
    claim = as_claim(q)
    assert claim.kind == "count" and claim.unit == "barrels per day"
    race = "The winner crossed the line after 3 hours, 12 minutes and 8 seconds."
    assert all(q.kind == "duration" and claim_worthiness(q, race) < lx.PROMOTE_AT for q in found(race))
    assert [q.value for q in found(race)] == [3, 12, 8]


def test_a_drop_is_a_magnitude_with_its_direction_and_claims_sign_it() -> None:
    q = only("Coffee exports fell 4.5% in the spring.")
    assert (q.value, q.change) == (4.5, "down")
    assert as_claim(q).value == -4.5


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The club sold its striker for £3.2m on Friday.", 3.2e6, "GBP"),
        ("The club sold its striker for PS3.2m on Friday.", 3.2e6, "GBP"),
        ("The board approved $US4,250,000 for the bridge.", 4.25e6, "USD"),
        ("The grant was worth $A6,300,000 over two years.", 6.3e6, "AUD"),
        ("The ministry earmarked Rs.21,083 crore for roads.", 2.1083e11, "INR"),
        ("The museum paid ₹450 crore for the land.", 4.5e9, "INR"),
        ("The harbour works will cost 12.5 MEUR in total.", 1.25e7, "EUR"),
        ("Operating profit rose to MSEK 1,240 in the quarter.", 1.24e9, "SEK"),
        ("He still owes the landlord fifty quid.", 50, "GBP"),
        ("The stall charged 300 zł for a rug.", 300, "PLN"),
        ("Rent rose to 1,200 lei a month.", 1200, "RON"),
        ("Exports reached 4.5 billion Swedish kronor.", 4.5e9, "SEK"),
        ("The mill was sold for 40 million Deutsche marks in 1991.", 4e7, "DEM"),
        ("A ticket cost 500 pesetas before the euro.", 500, "ESP"),
        ("The wallet held ₿3.5 at the time.", 3.5, "XBT"),
        ("A taxi ride costs ৳500 in the capital.", 500, "BDT"),
        ("The yard booked orders of TEUR 450 in May.", 4.5e5, "EUR"),
        ("Tickets cost 25 € at the door.", 25, "EUR"),
        ("The deal was valued at 75 USD million.", 7.5e7, "USD"),
        ("The fine was set at 40,000 swiss francs.", 40000, "CHF"),
        ("The state budget reached one-point-five trillion won this year.", 1.5e12, "KRW"),
        ("The sum of $28,5 billion was set aside for ports.", 2.85e10, "USD"),
        ("The council spent 90 trillion tomans on water projects.", 9e13, "IRT"),
        ("Profit rose to 41 million pounds.", 4.1e7, "GBP"),
    ],
)
def test_currencies_as_outlets_print_them(text: str, value: float, unit: str) -> None:
    q = next(q for q in found(text) if q.kind == "amount")
    assert q.unit == unit and close(q.value, value)


@pytest.mark.parametrize("text", ["A 45-year-old fisherman was rescued.", "The 28 - year - old fisherman was rescued."])
def test_an_age_is_a_duration_and_never_a_claim(text: str) -> None:
    q = only(text)
    assert (q.kind, q.unit) == ("duration", "year") and q.value in (45, 28)
    assert q.text.endswith("old")
    assert claim_worthiness(q, text) < 0.5


def test_a_time_of_day_needs_its_letters_alone() -> None:
    assert only("The heater draws 30 amperes at full power.").unit == "ampere"
    assert found("The hall opens at 9 am on Sunday.") == []


def test_pounds_of_weight_are_a_mass() -> None:
    q = only("The boxer lost 12 pounds before the fight.")
    assert q.kind == "measure" and q.unit == "pound"


def test_a_price_per_unit_keeps_what_it_is_per() -> None:
    q = only("The offer values the company at $41 a share.")
    assert (q.kind, q.unit, q.per, q.value) == ("amount", "USD", "share", 41)


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("Turnout in the district reached %64 on Sunday.", "percent_share", 64),
        ("The report noted an increase amounting to 150 percent in seizures.", "percent_change", 150),
        ("Bus fares in the capital went up 2.4pc in March.", "percent_change", 2.4),
        ("The survey found that 27 % of farmers lacked insurance.", "percent_share", 27),
    ],
)
def test_percents_as_outlets_print_them(text: str, kind: str, value: float) -> None:
    q = only(text)
    assert q.kind == kind and close(q.value, value)


def test_percent_range_is_one_quantity() -> None:
    q = only("Rents in the port city jumped 150% to 200% in a decade.")
    assert (q.value, q.value_high, q.unit) == (150, 200, "%")


def test_a_movement_keeps_both_ends_and_their_roles() -> None:
    baseline, new = found("The bank's share of the market grew from 6 to 9 per cent last year.")
    assert (baseline.value, baseline.role, baseline.kind) == (6, "baseline", "percent_share")
    assert (new.value, new.role, new.kind) == (9, "new", "percent_share")
    assert baseline.partner_start == new.start and new.partner_start == baseline.start
    a, b = found("Prices for the stalls ranged widely, from RM40,000 to RM95,000 each.")
    assert (a.unit, a.role, b.role) == ("MYR", "baseline", "new")


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The school admitted thirty-one thousand four hundred and six pupils.", 31406, "pupils"),
        ("The airline ordered three new A321 aircraft.", 3, "aircraft"),
        ("The firm employs 9,400 workers in two plants.", 9400, "workers"),
        ("Some half a million people fled the floods.", 500000, "people"),
    ],
)
def test_counts_take_the_whole_number_and_its_noun(text: str, value: float, unit: str) -> None:
    q = next(q for q in found(text) if q.kind == "count")
    assert close(q.value, value) and q.unit == unit


@pytest.mark.parametrize(
    ("text", "value"),
    [("The track is a 3/4 mile loop.", 0.75), ("They laid 12 1/2 miles of cable.", 12.5), ("Add ¼ teaspoon of salt.", 0.25)],
)
def test_common_fractions(text: str, value: float) -> None:
    assert close(only(text).value, value)


@pytest.mark.parametrize(
    "text",
    [
        "Photo: 1920 1080",
        "Views: 12,408",
        "Call the desk on 021 5550 1234 for details.",
        "Updated 14:32 GMT, 12 min read",
        "The photo drew 4,210 likes within hours.",
    ],
)
def test_page_metadata_is_never_worth_a_claim(text: str) -> None:
    assert all(claim_worthiness(q, text) < lx.PROMOTE_AT for q in found(text))


def test_every_quantity_records_the_rules_that_read_it() -> None:
    known = set(rules.all_rules())
    for text in ("Exports rose 12% to $1.2 billion.", "The firm hired 14 new engineers.", "It covers 45 acres."):
        for q in found(text):
            assert q.rules and set(q.rules) <= known | {"unit_after.currency_prefix", "unit_after.price_per", "unit_after.count_rate", "unit_after.occasions", "link.movement"}


def test_switching_a_rule_off_changes_what_is_read() -> None:
    text = "The crowd was 20,000-strong and 12 of them were hurt."
    with rules.ablated(["not_a_measure.list_marker"]):
        assert found("Steps: 1) wash 2) dry") != []
    assert found("Steps: 1) wash 2) dry") == []
    assert found(text)


def test_currency_codes_in_the_lexicon_are_iso_4217() -> None:
    import pycountry

    codes = {*lx.CURRENCY_PREFIXES.values(), *lx.CURRENCY_SUFFIXES.values(), *lx.CURRENCY_SYMBOLS_AFTER.values(), *lx.SCALED_CODES}
    unknown = {c for c in codes if pycountry.currencies.get(alpha_3=c) is None} - lx.INFORMAL_CURRENCY_CODES - lx.WITHDRAWN_CURRENCY_CODES
    assert not unknown


def test_every_unit_of_measure_is_known_to_pint() -> None:
    import pint

    registry = pint.UnitRegistry()
    for expr in {*lx.MEASURE_UNITS.values(), *lx.MEASURE_UNITS_CASED.values(), *lx.PHYSICAL_UNIT_PINT.values()}:
        registry.parse_units(expr)


# --- properties of the number parsers ------------------------------------------------

_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
         "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]  # fmt: skip
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _below_thousand(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    parts = [f"{_ONES[hundreds]} hundred"] if hundreds else []
    if rest:
        words = _ONES[rest] if rest < 20 else _TENS[rest // 10] + (f"-{_ONES[rest % 10]}" if rest % 10 else "")
        parts.append(("and " if hundreds else "") + words)
    return " ".join(parts)


def in_words(n: int) -> str:
    """An English spelling of 1 <= n < 10**9."""
    parts = []
    for scale, name in ((10**6, "million"), (10**3, "thousand")):
        chunk, n = divmod(n, scale)
        if chunk:
            parts.append(f"{_below_thousand(chunk)} {name}")
    if n:
        parts.append(_below_thousand(n))
    return " ".join(parts)


def indian(n: int) -> str:
    """Indian digit grouping: 12,34,567."""
    s = str(n)
    if len(s) <= 3:
        return s
    head, tail = s[:-3], s[-3:]
    groups = []
    while len(head) > 2:
        groups.insert(0, head[-2:])
        head = head[:-2]
    return ",".join([head, *groups, tail])


@given(st.integers(min_value=1, max_value=999_999_999))
@settings(max_examples=150, deadline=None)
def test_numbers_in_words_round_trip(n: int) -> None:
    assert parse_words(in_words(n)) == n
    q = only(f"The agency counted {in_words(n)} households.")
    assert q.value == n and q.unit == "households"


@given(st.integers(min_value=1, max_value=10**9))
@settings(max_examples=100, deadline=None)
def test_digits_round_trip(n: int) -> None:
    q = only(f"The agency counted {n:,} households.")
    assert q.value == n


@given(st.integers(min_value=1000, max_value=10**9))
@settings(max_examples=100, deadline=None)
def test_indian_grouping_round_trips(n: int) -> None:
    q = only(f"Farmers sold {indian(n)} tonnes of rice.")
    assert q.value == n


@given(st.integers(min_value=1, max_value=999), st.sampled_from([("lakh", 1e5), ("crore", 1e7)]))
@settings(max_examples=60, deadline=None)
def test_lakh_and_crore_round_trip(n: int, scale: tuple[str, float]) -> None:
    q = only(f"The scheme cost Rs {n} {scale[0]} last year.")
    assert close(q.value, n * scale[1]) and q.unit in ("INR", "PKR", "LKR", "NPR")


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=1, max_value=9))
@settings(max_examples=60, deadline=None)
def test_decimal_commas_round_trip(whole: int, tenth: int) -> None:
    q = only(f"The fund holds ${whole},{tenth} billion in bonds.")
    assert close(q.value, (whole + tenth / 10) * 1e9)


@given(st.integers(min_value=1, max_value=5000), st.integers(min_value=1, max_value=5000))
@settings(max_examples=80, deadline=None)
def test_ranges_round_trip(low: int, span: int) -> None:
    q = only(f"Wages rose by {low:,} to {low + span:,} percent in the sector.")
    assert (q.value, q.value_high) == (low, low + span)


@given(st.text(max_size=200))
@settings(max_examples=300, deadline=None)
def test_any_string_gives_quantities_whose_offsets_are_their_text(text: str) -> None:
    for q in found(text):
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.text
        assert math.isfinite(q.value)


@given(st.lists(st.sampled_from(["$", "€", "12", ",5", " billion", " per cent", "%", " to ", "from ", "one",
                                 "-point-", "five", " crore", "Rs.", " tonnes", " a day", "1/2", "½", " ",
                                 "m", "sq m", "(", ")", "\n", "and", "thousand"]), max_size=30))  # fmt: skip
@settings(max_examples=300, deadline=None)
def test_number_shaped_noise_never_breaks_the_finder(parts: list[str]) -> None:
    text = "".join(parts)
    for q in found(text):
        assert text[q.start : q.end] == q.text
        assert q.text.strip() and math.isfinite(q.value)
