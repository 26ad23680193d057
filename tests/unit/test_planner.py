"""Tier 1: the SARA outreach planner — ranking, the plan, its exports, and the app headless."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
from markdown_it import MarkdownIt

from kit.apps import OutreachPlanner
from kit.apps.outreach_planner import STEPS
from kit.content import load_content
from kit.html import escape
from kit.i18n import catalog, translate
from kit.places import PLACE_KINDS
from kit.planner import (
    AUDIENCES,
    GOALS,
    MAX_WEEKS,
    MIN_WEEKS,
    PHASES,
    PROCESS_MEASURES,
    SARA_STEPS,
    PlanRequest,
    build_plan,
    dropped_practices,
    nearby_places,
    rank_practices,
    score_practice,
    split_weeks,
)
from kit.planner_views import dropped_text, markdown_text, reason_text, render_plan_markdown, render_plan_page
from kit.practices import RATING_ORDER
from kit.resume import ResumeStore

ICAT = "icat-de-escalation-training"
HOME_VISITS = "community-home-visits-new-haven"
SCARED_STRAIGHT = "scared-straight-visits"
KEY = "0123456789abcdef"
HOSTILE = "<script>alert(1)</script> **bold** [link](javascript:alert(1))\n# heading\n1. item\n| a | b |"


@pytest.fixture(scope="module")
def content():
    """The kit's own content."""
    return load_content([])


def with_practice(content, practice_id, **changes):
    """The content with one practice's fields changed (records are frozen: a changed copy)."""
    practices = dict(content.records["practices"])
    practices[practice_id] = practices[practice_id].model_copy(update=changes)
    return dataclasses.replace(content, records={**content.records, "practices": practices})


def body_html(app) -> str:
    """All HTML the app's body shows, nested boxes included."""

    def walk(widget):
        yield getattr(widget, "value", "") if isinstance(getattr(widget, "value", ""), str) else ""
        for child in getattr(widget, "children", ()):
            yield from walk(child)

    return "".join(html for child in app._body.children for html in walk(child))


# --- ranking --------------------------------------------------------------------------------


def test_ranking_orders_by_score_then_evidence(content):
    """Suggestions come by score; on equal scores the stronger evidence comes first."""
    suggested = rank_practices(content, PlanRequest(goals=("safety", "trust"))).suggested
    assert suggested[0].practice.id == ICAT and suggested[0].evidence == "effective"
    for first, second in zip(suggested, suggested[1:], strict=False):
        assert first.score >= second.score
        if first.score == second.score:
            assert RATING_ORDER.index(first.evidence) <= RATING_ORDER.index(second.evidence)


def test_evidence_breaks_a_tie_in_fit(content):
    """Two practices with the same fit: the effective one outranks the not-rated one."""
    request = PlanRequest(goals=("safety",))
    icat = score_practice(content, request, content.records["practices"][ICAT])
    pop = score_practice(content, request, content.records["practices"]["problem-oriented-policing-sara"])
    assert icat.score - pop.score == 4  # same goal points; +4 for Effective
    order = [s.practice.id for s in rank_practices(content, request).suggested]
    assert order.index(ICAT) < order.index("problem-oriented-policing-sara")


def test_score_is_the_documented_sum(content):
    """Effective +4, two goals +4, four chosen partners capped at +3: 11, each with its reason."""
    request = PlanRequest(goals=("safety", "prevention"), partners=("cbp", "usbp", "ofo", "local-police"))
    suggestion = score_practice(content, request, content.records["practices"][ICAT])
    assert {r.kind: r.points for r in suggestion.reasons} == {"evidence": 4, "goals": 4, "partners": 3}
    assert suggestion.score == 11


def test_practices_to_avoid_are_never_suggested_but_listed_with_why(content):
    """A practice marked avoid is never suggested; when it matches a goal it is listed with its rating."""
    assert content.records["practices"][SCARED_STRAIGHT].avoid
    for goals in ((), ("prevention",), GOALS):
        ranking = rank_practices(content, PlanRequest(goals=goals))
        assert SCARED_STRAIGHT not in {s.practice.id for s in ranking.suggested}
    ranking = rank_practices(content, PlanRequest(goals=("prevention",)))
    (note,) = [n for n in ranking.avoid if n.practice.id == SCARED_STRAIGHT]
    assert note.goals == ("prevention",) and {r.rating for r in note.ratings} == {"harmful"}
    assert SCARED_STRAIGHT not in {n.practice.id for n in rank_practices(content, PlanRequest(goals=("rescue",))).avoid}
    with pytest.raises(ValueError, match="avoid"):
        build_plan(content, PlanRequest(), [SCARED_STRAIGHT])


def test_goals_filter_the_suggestions(content):
    """With goals, only practices sharing one are suggested; with none, every practice not to avoid."""
    rescue = rank_practices(content, PlanRequest(goals=("rescue",))).suggested
    assert rescue and all("rescue" in s.practice.goals for s in rescue)
    everything = rank_practices(content, PlanRequest()).suggested
    assert len(everything) == sum(not p.avoid for p in content.records["practices"].values())


def test_reasons_are_said_in_words_in_both_languages(content):
    """Evidence names rating, outcome and rater; not rated is said plainly; goals and partners by name."""
    request = PlanRequest(goals=("safety", "trust"), partners=("cbp",), audiences=("officers",))
    icat = score_practice(content, request, content.records["practices"][ICAT])
    en = [reason_text(r, content, "en") for r in icat.reasons]
    assert en[0].startswith("Evidence: Effective for") and "CrimeSolutions" in en[0] and en[0].endswith("(+4)")
    assert "Matches your goals: Safety (+2)" in en
    assert any(text.startswith("Partners you chose take part: U.S. Customs and Border Protection") for text in en)
    es = [reason_text(r, content, "es") for r in icat.reasons]
    assert es[0].startswith("Evidencia: Efectivo en") and "Coincide con sus objetivos: Seguridad (+2)" in es
    coffee = score_practice(content, request, content.records["practices"]["coffee-with-a-cop"])
    assert reason_text(coffee.reasons[0], content, "en").startswith("Not rated: no reviewer has rated")
    assert coffee.reasons[0].points == 0


def test_nearby_places_follow_the_sector_and_the_city(content):
    """A port is near its sector and the sector's other ports, and near a place in the same city."""
    near = nearby_places(content, "port-nogales")
    assert "sector-tucson" in near and "port-douglas" in near and "consulate-nogales" in near
    assert "port-san-ysidro" not in near and "port-nogales" not in near
    assert "port-nogales" in nearby_places(content, "sector-tucson")


def test_place_fit_at_and_near(content):
    """A practice run at the place gets +2; run in the port's sector, +1 and the sector's name."""
    edited = with_practice(content, "coffee-with-a-cop", places=("sector-tucson",))
    request = PlanRequest(goals=("trust",), place="port-nogales")
    near = score_practice(edited, request, edited.records["practices"]["coffee-with-a-cop"])
    (reason,) = [r for r in near.reasons if r.kind == "near-place"]
    assert reason.points == 1 and reason.items == ("sector-tucson",)
    assert reason_text(reason, edited, "en").startswith("Runs near your place: ")
    at = score_practice(edited, PlanRequest(place="sector-tucson"), edited.records["practices"]["coffee-with-a-cop"])
    assert [(r.kind, r.points) for r in at.reasons if "place" in r.kind] == [("at-place", 2)]
    far = score_practice(edited, PlanRequest(place="port-san-ysidro"), edited.records["practices"]["coffee-with-a-cop"])
    assert not [r for r in far.reasons if "place" in r.kind]


def test_unknown_ids_are_errors(content):
    """An unknown place, partner or practice is refused, not silently ignored."""
    with pytest.raises(ValueError, match="place"):
        rank_practices(content, PlanRequest(place="no-such-place"))
    with pytest.raises(ValueError, match="partner"):
        rank_practices(content, PlanRequest(partners=("nobody",)))
    with pytest.raises(ValueError, match="practice"):
        build_plan(content, PlanRequest(), ["no-such-practice"])


# --- the request ----------------------------------------------------------------------------


def test_request_checks_its_vocabulary_and_horizon():
    """Goals and audiences come from the closed lists; the horizon is 4–104 weeks; dates are ISO."""
    with pytest.raises(ValueError, match="goal"):
        PlanRequest(goals=("happiness",))
    with pytest.raises(ValueError, match="horizon"):
        PlanRequest(weeks=MIN_WEEKS - 1)
    with pytest.raises(ValueError):
        PlanRequest(start="next Monday")
    assert PlanRequest(goals=("trust", "trust")).goals == ("trust",)


def test_saved_request_round_trips_and_drops_what_no_longer_exists(content):
    """from_dict(to_dict()) is the same request; stale ids and bad values are dropped, not fatal."""
    request = PlanRequest(problem="p", place="port-nogales", goals=("trust",), partners=("cbp",), start="2026-03-02")
    assert PlanRequest.from_dict(request.to_dict(), content) == request
    stale = {**request.to_dict(), "place": "gone", "partners": ["cbp", "gone"], "goals": ["trust", "x"], "weeks": 999}
    restored = PlanRequest.from_dict({**stale, "start": "soon", "extra": 1}, content)
    assert restored.place == "" and restored.partners == ("cbp",) and restored.goals == ("trust",)
    assert restored.weeks == MAX_WEEKS and restored.start == ""


# --- the plan -------------------------------------------------------------------------------


def test_timeline_adds_up_to_the_horizon():
    """Every horizon from 4 to 104 weeks splits into four phases of at least a week, summing to it."""
    for weeks in range(MIN_WEEKS, MAX_WEEKS + 1):
        parts = split_weeks(weeks)
        assert sum(parts) == weeks and len(parts) == len(PHASES) and min(parts) >= 1, weeks
    assert split_weeks(20) == (5, 3, 8, 4)


def test_plan_has_steps_roles_timeline_and_measures(content):
    """The plan keeps the chosen practices with their steps, roles by partner, dated phases and measures."""
    request = PlanRequest(
        goals=("safety", "trust"), partners=("cbp", "sre"), start="2026-03-02", weeks=12, problem="Rocks"
    )
    plan = build_plan(content, request, [ICAT, HOME_VISITS, ICAT])
    assert [s.practice.id for s in plan.practices] == [ICAT, HOME_VISITS]
    phases = plan.phases
    assert [p.key for p in phases] == [key for key, _ in PHASES]
    assert phases[0].first == 1 and phases[-1].last == 12 and sum(p.weeks for p in phases) == 12
    assert all(b.first == a.last + 1 for a, b in zip(phases, phases[1:], strict=False))
    assert phases[0].start == dt.date(2026, 3, 2) and phases[-1].end == dt.date(2026, 3, 2) + dt.timedelta(days=83)
    roles = {role.partner: role for role in plan.roles}
    assert roles["cbp"].chosen and roles["cbp"].practices == (ICAT,)
    assert roles["sre"].chosen and roles["sre"].practices == ()  # chosen, but no chosen practice names it
    assert not roles["researchers"].chosen and set(roles["researchers"].practices) == {ICAT, HOME_VISITS}
    assert [r.partner for r in plan.roles][:2] == ["cbp", "sre"]
    rated = [(m.practice, m.rating) for m in plan.outcome_measures]
    expected = [(p, r) for p in (ICAT, HOME_VISITS) for r in content.records["practices"][p].ratings]
    assert rated == expected
    assert plan.process_measures == PROCESS_MEASURES and plan.goal_measures == ("safety", "trust")
    assert plan.sara_citations and {c.source for c in plan.sara_citations} <= set(content.sources)


def test_plan_page_shows_everything_with_sources(content):
    """The printable page: SARA sections, steps, roles, timeline, measures with rating and source."""
    request = PlanRequest(goals=("safety",), problem="Rocks at the fence", start="2026-03-02", weeks=8)
    page = render_plan_page(build_plan(content, request, [ICAT]), content, "en")
    assert page.startswith('<!DOCTYPE html><html lang="en">') and "<script" not in page
    for text in ("1. Scanning", "2. Analysis", "3. Response", "4. Assessment", "Rocks at the fence",
                 "Adopt the Critical Decision-Making Model", "Partners and roles", "A planning template, not a finding",
                 "2026-03-02", "Effective", "CrimeSolutions", "Baseline:", "COPS Office", "(not answered)"):
        assert text in page, text
    assert translate("planner.measure.goal.safety", "en") in page


def test_user_text_cannot_inject_markup(content):
    """Script, emphasis, links, headings and lists typed by a trainer stay text in both exports."""
    request = PlanRequest(problem=HOSTILE, affected=HOSTILE, causes=HOSTILE, tried=HOSTILE, baseline=HOSTILE)
    plan = build_plan(content, request, [ICAT])
    page = render_plan_page(plan, content, "en")
    assert "<script" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    markdown = render_plan_markdown(plan, content, "en")
    rendered = MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)
    assert "<script" not in rendered and "&lt;script&gt;" in rendered
    sources = {s.url for s in content.sources.values()}
    assert set(re.findall(r'href="([^"]*)"', rendered)) <= sources  # links come only from the registry
    assert "<strong>bold</strong>" not in rendered and "<h1>heading</h1>" not in rendered
    assert "<ol>\n<li>item" not in rendered and "<td> a </td>" not in rendered
    assert "**bold**" in rendered and "# heading" in rendered


def test_markdown_text_keeps_the_words_and_drops_the_syntax():
    """Neutralised text renders as the same words, with no element made from it."""
    md = MarkdownIt("commonmark", {"html": True})
    for text in ("1. first", "- item", "# title", "> quote", "a *b* _c_ `d`", "<b>bold</b> & co", "===", "  indented"):
        html = md.render(markdown_text(text))
        assert html.startswith("<p>") and html.count("<") == 2, (text, html)
    assert md.render(markdown_text("1. first")) == "<p>1. first</p>\n"


def test_every_planner_key_exists_in_both_languages():
    """Keys built from the planner's lists (goals, audiences, steps, phases, measures…) are all there."""
    keys = (
        [f"practice.goal.{g}" for g in GOALS]
        + [f"planner.measure.goal.{g}" for g in GOALS]
        + [f"audience.{a}" for a in AUDIENCES]
        + [f"planner.sara.{s}{suffix}" for s in SARA_STEPS for suffix in ("", ".about")]
        + [f"planner.phase.{p}{suffix}" for p, _ in PHASES for suffix in ("", ".do")]
        + [f"planner.measure.process.{m}" for m in PROCESS_MEASURES]
        + [f"planner.step.{s}" for s in STEPS]
        + [f"map.kind.{k}" for k in PLACE_KINDS]
        + [f"planner.reason.{k}" for k in ("evidence", "harmful", "not-rated", "goals", "partners", "audiences",
                                            "at-place", "near-place", "rating")]
        + [f"planner.q.{q}" for q in ("problem", "place", "affected", "goals", "causes", "tried", "partners",
                                      "audiences", "start", "weeks", "baseline")]
    )
    for lang in ("en", "es"):
        missing = [key for key in keys if key not in catalog(lang)]
        assert not missing, (lang, missing)


def test_dropped_practices_say_why(content):
    """A chosen practice the answers no longer suggest is reported: no shared goal, or now marked avoid."""
    request = PlanRequest(goals=("trust",))
    dropped = dropped_practices(content, request, [HOME_VISITS, ICAT, ICAT])
    assert [(d.practice.id, d.reason, d.goals) for d in dropped] == [(ICAT, "goals", ("safety", "prevention"))]
    assert dropped_text(dropped[0], "en") == (
        "ICAT de-escalation training (Integrating Communications, Assessment, and Tactics): it serves none of your "
        "goals (it serves: Safety, Prevention). Tick one of those goals in step 1 to include it again."
    )
    assert "(atiende: Seguridad, Prevención)" in dropped_text(dropped[0], "es")
    marked = with_practice(content, HOME_VISITS, avoid=True)
    (avoid,) = dropped_practices(marked, request, [HOME_VISITS])
    assert avoid.reason == "avoid" and "practice to avoid" in dropped_text(avoid, "en")
    assert "conviene evitar" in dropped_text(avoid, "es")
    assert dropped_practices(content, PlanRequest(), [ICAT, HOME_VISITS]) == ()
    with pytest.raises(ValueError, match="practice"):
        dropped_practices(content, request, ["no-such-practice"])


# --- the app, headless ----------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "title", "link"), [("en", "# Outreach plan", "Download the plan as Markdown"),
                                                     ("es", "# Plan de vinculación con la comunidad",
                                                      "Descargar el plan en Markdown")])
def test_app_walks_scan_to_plan(content, tmp_path, lang, title, link):
    """Answer each step, include the top suggestion, reach the plan, get both downloads."""
    app = OutreachPlanner(content, lang, store=ResumeStore(tmp_path))
    assert app.step == "scan" and app._text["problem"] in app._body.children
    app.set_problem("Rocks thrown at agents", place="port-nogales", goals=["safety"])
    app.next()
    assert app.step == "analyse"
    app.answer(causes="Smuggling scouts", tried="Patrols")
    app.next()
    app.answer(partners=["cbp", "local-police"], audiences=["officers"])
    top = app.ranking().suggested[0].practice.id
    assert top == ICAT
    assert f"kit-planner-include-{ICAT}" in app._include[ICAT]._dom_classes
    app.choose(ICAT)
    app.next()
    app.answer(start=dt.date(2026, 3, 2), weeks=16)
    app.next()
    assert app.step == "plan" and app.included() == [ICAT]
    html = body_html(app)
    assert f'download="outreach-plan-{lang}.html"' in html and f'download="outreach-plan-{lang}.md"' in html
    assert link in html and content.records["practices"][ICAT].name.get(lang) in html
    assert app.plan_html().startswith(f'<!DOCTYPE html><html lang="{lang}">')
    assert app.plan_markdown().startswith(title + "\n")
    app.back()
    assert app.step == "assess"


def test_language_switch_keeps_every_answer(content, tmp_path):
    """Switching to Spanish and back keeps the answers, the chosen practices and the step."""
    app = OutreachPlanner(content, "en", store=ResumeStore(tmp_path))
    app.set_problem("Crowds at the port", place="port-el-paso", goals=["trust", "communication"])
    app.go("respond")
    app.choose(HOME_VISITS)
    before = app.request
    app.set_language("es")
    assert app.request == before and app.included() == [HOME_VISITS] and app.step == "respond"
    assert "Prácticas sugeridas" in body_html(app)
    assert app._goals["trust"].description == "Confianza"
    app.set_language("en")
    assert app.request == before and "Suggested practices" in body_html(app)


def test_a_new_instance_with_the_same_key_restores_the_draft(content, tmp_path):
    """Answers are saved on every change; a reload (new app, same key) restores them, another key does not."""
    store = ResumeStore(tmp_path)
    app = OutreachPlanner(content, "en", browser=KEY, store=store)
    app.set_problem("Rocks <b>at</b> the fence", place="sector-tucson", goals=["safety"])
    app.go("respond")
    app.choose(ICAT)
    app.go("assess")
    app.answer(weeks=20, start="2026-05-04", baseline="Incident log since 2024")
    restored = OutreachPlanner(content, "es", browser=KEY, store=store)
    assert restored.request == app.request and restored.step == "assess" and restored.included() == [ICAT]
    assert "Se recuperaron sus respuestas" in body_html(restored)
    restored.go("respond")
    assert restored._include[ICAT].value
    other = OutreachPlanner(content, "en", browser="fedcba9876543210", store=store)
    assert other.request == PlanRequest() and other.step == "scan"
    restored.reset()
    assert restored.request == PlanRequest() and restored.chosen == []
    assert OutreachPlanner(content, "en", browser=KEY, store=store).request == PlanRequest()


def test_planner_drafts_do_not_disturb_scenario_progress(content, tmp_path, monkeypatch):
    """By default drafts live in their own folder, so the scenario player's 'last scenario' is untouched."""
    monkeypatch.setenv("KIT_DATA_DIR", str(tmp_path))
    app = OutreachPlanner(content, "en", browser=KEY)
    app.set_problem("x")
    assert (tmp_path / "planner" / f"{KEY}.json").exists()
    assert ResumeStore().last_scenario(KEY) is None


def test_user_text_is_escaped_in_the_app(content, tmp_path):
    """What a trainer types shows as text in the app's preview."""
    app = OutreachPlanner(content, "en", store=ResumeStore(tmp_path))
    app.answer(problem="<img src=x onerror=alert(1)>")
    app.go("plan")
    html = body_html(app)
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_choosing_what_is_not_suggested_is_refused(content, tmp_path):
    """choose() accepts only current suggestions, so a practice to avoid can never be ticked."""
    app = OutreachPlanner(content, "en", store=ResumeStore(tmp_path))
    app.answer(goals=["prevention"])
    with pytest.raises(ValueError, match="not among the suggestions"):
        app.choose(SCARED_STRAIGHT)
    app.go("respond")
    html = body_html(app)
    assert "Practices to avoid" in html and "Harmful" in html
    assert SCARED_STRAIGHT not in app._include


class UnwritableStore(ResumeStore):
    """A store whose disk refuses every write (a full disk, a read-only data folder)."""

    def save(self, key, scenario_id, state):
        """Refuse, as the file system would."""
        raise OSError(28, "No space left on device")


def test_restored_notice_follows_the_language(content, tmp_path):
    """The 'answers restored' notice is kept as a key: after a language switch it is in the new language."""
    store = ResumeStore(tmp_path)
    OutreachPlanner(content, "en", browser=KEY, store=store).set_problem("Rocks at the fence")
    restored = OutreachPlanner(content, "en", browser=KEY, store=store)
    assert translate("planner.restored", "en") in body_html(restored)
    restored.set_language("es")
    html = body_html(restored)
    assert translate("planner.restored", "es") in html and translate("planner.restored", "en") not in html
    assert restored.notice == translate("planner.restored", "es")
    restored.next()  # a passing notice: gone once the trainer moves on
    assert restored.notice == "" and translate("planner.restored", "es") not in body_html(restored)


def test_a_failed_save_is_shown_in_both_languages(content, tmp_path, caplog):
    """When the draft cannot be saved the app says so (and logs why); a later good save clears it."""
    app = OutreachPlanner(content, "en", browser=KEY, store=UnwritableStore(tmp_path))
    assert translate("planner.save.failed", "en") not in body_html(app)
    app.set_problem("Rocks at the fence")
    assert app.save_failed and translate("planner.save.failed", "en") in body_html(app)
    assert "could not save the planner's draft" in caplog.text
    app.set_language("es")
    assert translate("planner.save.failed", "es") in body_html(app)
    app.store = ResumeStore(tmp_path)
    app.answer(affected="Agents and residents")
    assert not app.save_failed and translate("planner.save.failed", "es") not in body_html(app)
    failing = OutreachPlanner(content, "en", browser=KEY, store=UnwritableStore(tmp_path))
    failing.reset()  # forgetting the draft can fail too: shown, not raised
    assert failing.save_failed and translate("planner.save.failed", "en") in body_html(failing)


def test_without_a_browser_key_the_app_says_answers_last_only_while_open(content, tmp_path):
    """No Jupyter identity cookie: one plain note says a reload loses the answers; with a key, it says they are kept."""
    unsaved = OutreachPlanner(content, "en", browser=None, store=UnwritableStore(tmp_path))
    unsaved.set_problem("Rocks at the fence")  # never written, so never a failure either
    html = body_html(unsaved)
    assert html.count(escape(translate("planner.keep.page-only", "en"))) == 1
    assert translate("planner.keep.saved", "en") not in html and not unsaved.save_failed
    unsaved.set_language("es")
    assert translate("planner.keep.page-only", "es") in body_html(unsaved)
    saved = OutreachPlanner(content, "en", browser=KEY, store=ResumeStore(tmp_path))
    html = body_html(saved)
    assert translate("planner.keep.saved", "en") in html
    assert escape(translate("planner.keep.page-only", "en")) not in html


@pytest.mark.parametrize(
    ("draft_place", "expected"),
    [(None, "port-nogales"), ("", "port-nogales"), ("sector-tucson", "sector-tucson")],
)
def test_place_from_the_url_does_not_override_a_restored_place(content, tmp_path, monkeypatch, draft_place, expected):
    """?place= picks the place only when no draft was restored or the draft has no place."""
    monkeypatch.setattr("kit.apps.outreach_planner.query_parameters", lambda: {"place": "port-nogales"})
    store = ResumeStore(tmp_path)
    if draft_place is not None:
        draft = OutreachPlanner(content, "en", browser=KEY, store=store)
        assert draft.request.place == "port-nogales"  # the first visit follows the link...
        draft.set_problem("Crowds at the port", place=draft_place)  # ...then the trainer picks their own place
    app = OutreachPlanner(content, "en", browser=KEY, store=store)
    assert app.request.place == expected
    assert OutreachPlanner(content, "en", browser=KEY, store=store).request.place == expected  # and on reload


@pytest.mark.parametrize(("lang", "intro"), [("en", "Left out of the plan"), ("es", "Quedaron fuera del plan")])
def test_plan_step_lists_chosen_practices_dropped_by_changed_answers(content, tmp_path, lang, intro):
    """Unticking the goal a chosen practice served drops it from the plan, and the plan step says which and why."""
    app = OutreachPlanner(content, lang, store=ResumeStore(tmp_path))
    app.set_problem("Rocks", goals=["safety", "trust"])
    app.choose(ICAT)
    app.choose(HOME_VISITS)
    app.go("plan")
    assert intro not in body_html(app)
    app.go("scan")
    app.answer(goals=["trust"])
    app.go("plan")
    assert app.included() == [HOME_VISITS] and app.chosen == [ICAT, HOME_VISITS]
    html = body_html(app)
    assert intro in html and dropped_text(app.dropped()[0], lang) in html.replace("&quot;", '"')
    assert [s.practice.id for s in app.plan().practices] == [HOME_VISITS]
    app.go("scan")
    app.answer(goals=["trust", "safety"])  # ticking the goal again brings it back
    app.go("plan")
    assert app.included() == [ICAT, HOME_VISITS] and intro not in body_html(app)
