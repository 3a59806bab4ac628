"""Quản lý kế hoạch (admin; leaders for their own area): create a plan, edit its targets in a table,
draft targets from the plan's document, retire it, see what changed. Rules: etl/plans/plan_editor.py."""
import datetime as dt

import pandas as pd
import streamlit as st

from dashboard import chrome, state
from dashboard import text as text_md
from dashboard.text import md, md_format
from etl.access import scope as access
from etl.labels_vi import DRAFT, DRAFT_CHECK, I16, PLAN_EDIT, RULE, UI
from etl.model import catalog
from etl.plans import draft, draft_view, plan_editor

NEW = "(new)"
state.page_setup()
st.title(UI["page_plans"])


def _columns(indicators: dict[str, str]) -> dict:
    c = PLAN_EDIT["col"]
    return {"section": st.column_config.TextColumn(c["section"]),
            "indicator": st.column_config.SelectboxColumn(c["indicator"], options=list(indicators), required=True,
                                                          format_func=lambda code: f"{indicators.get(code, code)} "
                                                                                   f"({code})"),
            "rule": st.column_config.SelectboxColumn(c["rule"], options=sorted(catalog.RULES), required=True,
                                                     format_func=lambda rule: RULE.get(rule, rule)),
            "value": st.column_config.NumberColumn(c["value"]),
            "value_high": st.column_config.NumberColumn(c["value_high"]),
            "year": st.column_config.NumberColumn(c["year"], format="%d"),
            "level": st.column_config.TextColumn(c["level"], help="province, district, commune, neighbourhood"),
            "clause": st.column_config.TextColumn(c["clause"], width="large", required=True)}


def _start(chosen: str) -> None:
    """Editing another plan: its targets become the table's starting rows."""
    plan = None if chosen == NEW else state.plan_to_edit(chosen)
    st.session_state.update(editing=chosen, draft_targets=plan_editor.targets_frame(plan),
                            editor_round=st.session_state.get("editor_round", 0) + 1)


def _add_proposals(proposals) -> None:
    rows = [{"section": "", "indicator": p.indicator_code,
             "rule": p.comparator if p.comparator in catalog.RULES else None,  # "giảm": the leader picks a rule
             "value": None if p.comparator == "qualitative" else p.value, "value_high": p.value_high,
             "year": p.year, "level": ", ".join(p.levels) if p.levels else None, "clause": p.clause} for p in proposals]
    current = st.session_state.get("edited_now", st.session_state["draft_targets"])
    st.session_state["draft_targets"] = pd.concat([current, pd.DataFrame(rows)], ignore_index=True)
    st.session_state["editor_round"] += 1
    st.session_state["plans_message"] = ("info", PLAN_EDIT["draft_added"].format(n=len(rows)))


HEADER_KEYS = {"plan_id": "h_id", "title": "h_title", "issuer": "h_issuer", "issuing_body": "h_body",
               "year_from": "h_from", "year_to": "h_to", "parent": "h_parent", "number": "h_number", "date": "h_date"}


def _save(chosen: str, plan_id: str | None) -> None:  # a callback: the click cannot be lost to a rerun
    con = state.connection().cursor()
    header = {field: st.session_state.get(f"{key}_{chosen}") for field, key in HEADER_KEYS.items()}
    header["plan_id"] = plan_id or header["plan_id"]
    try:
        built = plan_editor.build(con, header, st.session_state["edited_now"].to_dict("records"), state.scope())
        plan_editor.save(con, built, state.user().username)
    except plan_editor.PlanRefused as refused:
        st.session_state["plans_message"] = ("error", PLAN_EDIT["refused"].format(n=len(refused.problems)) + "\n" +
                                             "\n".join(f"- {md(p)}" for p in refused.problems))
        return
    st.cache_data.clear()
    st.session_state.update(plans_message=("success", md_format(PLAN_EDIT["saved"], plan=built.plan_id,
                                                                                 n=len(built.targets))),
                            plan_pick=built.plan_id)


def _header(plan, chosen: str, plans: dict) -> None:
    """The plan's header fields; _save reads them from the session (keys in HEADER_KEYS)."""
    left, right = st.columns(2)
    key = lambda name: f"{HEADER_KEYS[name]}_{chosen}"  # noqa: E731
    left.text_input(PLAN_EDIT["plan_id"], plan.plan_id if plan else "", disabled=plan is not None, key=key("plan_id"))
    right.text_input(PLAN_EDIT["title"], plan.title if plan else "", key=key("title"))
    left.text_input(PLAN_EDIT["issuer"], plan.issuer_id.split("@")[0] if plan else "", key=key("issuer"))
    right.text_input(PLAN_EDIT["issuing_body"], plan.issuing_body if plan else "", key=key("issuing_body"))
    next_year = state.current_year() + 1
    left.number_input(PLAN_EDIT["year_from"], 2015, 2100, plan.year_from if plan else next_year, key=key("year_from"))
    right.number_input(PLAN_EDIT["year_to"], 2015, 2100, plan.year_to if plan else next_year, key=key("year_to"))
    parents = [None, *[p for p in plans if p != chosen]]
    left.selectbox(PLAN_EDIT["parent"], parents, index=parents.index(plan.parent_plan_id) if plan and
                   plan.parent_plan_id in parents else 0, format_func=lambda p: "—" if p is None else plans[p],
                   key=key("parent"))
    right.text_input(PLAN_EDIT["number"], (plan.document_number or "") if plan else "", key=key("number"))
    left.date_input(PLAN_EDIT["date"], dt.date.fromisoformat(plan.document_date) if plan and plan.document_date
                    else None, format="DD/MM/YYYY", key=key("date"))


def _retire(plan_id: str) -> None:  # a callback, after the second click
    plan_editor.retire(state.connection().cursor(), plan_id, state.user().username)
    st.cache_data.clear()
    st.session_state.pop("retire_asked", None)
    st.session_state.pop("plan_pick", None)
    st.session_state["plans_message"] = ("success", md_format(PLAN_EDIT["retired"], plan=plan_id))


def _retire_buttons(plan_id: str, label: str) -> None:
    """Retiring takes two clicks: the button, then "Xác nhận" under what it does ("Hủy" goes back)."""
    if st.session_state.get("retire_asked") != plan_id:
        st.button(PLAN_EDIT["retire"], on_click=lambda: st.session_state.update(retire_asked=plan_id))
        return
    st.warning(md_format(I16["retire_ask"], plan=label), icon=":material/warning:")
    yes, no = st.columns(2)
    yes.button(I16["confirm"], type="primary", on_click=_retire, args=(plan_id,), key="retire_yes")
    no.button(I16["cancel"], on_click=lambda: st.session_state.pop("retire_asked", None), key="retire_no")


account = state.user()
if account and account.role in ("admin", "leader"):
    con = state.connection().cursor()
    plans = {p[0]: p[1] for p in state.plans() if access.covers(con, state.scope(), p[4])}  # its own area's plans
    labels = state.plan_labels(tuple(plans))
    chosen = st.selectbox(PLAN_EDIT["pick"], [NEW, *plans], key="plan_pick",
                          format_func=lambda p: PLAN_EDIT["new_plan"] if p == NEW else labels.get(p, plans[p]))
    if st.session_state.get("editing") != chosen:
        _start(chosen)
    plan = None if chosen == NEW else state.plan_to_edit(chosen)
    if message := st.session_state.pop("plans_message", None):
        getattr(st, message[0])(message[1])
    _header(plan, chosen, plans)
    with st.expander(PLAN_EDIT["draft_header"]):
        upload = st.file_uploader(PLAN_EDIT["draft_upload"], type=["txt", "docx", "pdf"], key="draft_file")
        pasted = st.text_area(PLAN_EDIT["draft_paste"], key="draft_text", height=150)
        text = ""
        try:
            text = draft.document_text(upload.name, upload.getvalue()) if upload else pasted
        except draft.UnreadableDocument as refused:
            st.error(md(str(refused)))   # names the user's file
        if text.strip():
            proposals = draft.draft(text)
            st.caption(PLAN_EDIT["draft_found"].format(n=len(proposals)) if proposals else DRAFT_CHECK["none"])
            if proposals:  # the plan's words only as table cells or escaped (dashboard.text): never as Markdown
                st.caption(DRAFT_CHECK["found"].format(n=len(proposals), k=sum(bool(p.checks) for p in proposals)))
                st.dataframe(draft_view.rows(proposals, DRAFT["unmapped"], {**RULE, "decrease": DRAFT_CHECK[
                    "rule_decrease"]}), hide_index=True, width="stretch")
                st.button(PLAN_EDIT["draft_add"], on_click=_add_proposals, args=(proposals,))
                with st.container(height=300, border=True):
                    st.markdown(text_md.highlighted(text, proposals))
    st.caption(PLAN_EDIT["targets"])
    indicators = state.indicator_names()
    edited = st.data_editor(plan_editor.editable(st.session_state["draft_targets"]), num_rows="dynamic", hide_index=True, width="stretch",
                            column_config=_columns(indicators), placeholder=chrome.EMPTY_CELL,
                            key=f"targets_{chosen}_{st.session_state['editor_round']}")
    st.session_state["edited_now"] = edited
    st.button(PLAN_EDIT["save"], type="primary", on_click=_save, args=(chosen, plan.plan_id if plan else None))
    if plan is not None:
        _retire_buttons(plan.plan_id, labels.get(plan.plan_id, plan.plan_id))
        with st.expander(PLAN_EDIT["history"]):
            changes = plan_editor.history(con, plan.plan_id)
            if not changes:
                st.caption(PLAN_EDIT["history_none"])
            for at, by, lines in changes:
                st.markdown(f"**{at:%d/%m/%Y %H:%M}** — {md(by)}")
                st.code("\n".join(lines) or "—", language="diff")
