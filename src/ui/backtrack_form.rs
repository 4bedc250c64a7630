//! The time to backtrack to (picked, stepped, or pasted), the two flags, and `Review backtrack`.

use crate::ui::labelled_input::{InputKind, LabelledInput};
use crate::ui::lifecycle::Backtracks;
use crate::ui::state::{Flow, Session};
use chrono::Local;
use leptos::prelude::*;
use rds_core::model::BacktrackRequest;
use rds_core::target_time::{
    check_target, format_local, format_picker, Zone, QUICK_CHOICES, STEPS,
};
use rds_core::time::Timestamp;

/// The id of the `Backtrack to` picker, where focus goes to choose a time again.
pub const BACKTRACK_TO: &str = "backtrack-to";

/// The backtrack form, locked while a backtrack is sent or followed; `on_review` receives a
/// request that passed every check.
#[component]
pub fn BacktrackForm(
    /// Called with the validated request when the user asks to review it.
    on_review: Callback<BacktrackRequest>,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let flow = expect_context::<Flow>();
    let backtracks = expect_context::<Backtracks>();
    let chosen = flow.target;
    let step_secs = RwSignal::new(STEPS[1].1);
    let pasted = RwSignal::new(String::new());
    let paste_note = RwSignal::new(None::<Result<String, String>>);
    let force = RwSignal::new(false);
    let use_earliest = RwSignal::new(false);
    let attempted = RwSignal::new(false);
    let blocked =
        move || flow.with_cluster(|c| c.is_none_or(|l| l.cluster.backtrack_blocker().is_some()));
    let earliest = move || flow.earliest(session.server_now());
    let target = move || chosen.instant();
    let problem = move || {
        let target = target()?;
        check_target(target, session.server_now(), earliest(), use_earliest.get())?;
        Ok::<Timestamp, rds_core::target_time::TimeError>(target)
    };
    let set_time = move |t: Timestamp| chosen.set(t);
    // Switching the zone keeps the instant and rewrites the picker in the new zone.
    let switch_zone = move |new: Zone| chosen.switch_zone(new);
    // Steps start from the chosen time, else from where the last backtrack went, else from now.
    let step = move |direction: i64| {
        let last = backtracks.tracked_target_untracked();
        let start = last.unwrap_or_else(|| session.server_now());
        chosen.step(direction * step_secs.get_untracked(), start);
    };
    let paste = move || {
        let note = match chosen.paste(&pasted.get_untracked()) {
            Ok(read) => read.map(|p| Ok(p.explain())),
            Err(why) => Some(Err(why.to_string())),
        };
        paste_note.set(note);
    };
    let bound = move |t: Option<Timestamp>| {
        t.map(|t| format_picker(t, chosen.zone(), &Local))
            .unwrap_or_default()
    };
    let review = move || {
        attempted.set(true);
        let (Some(looked), Ok(target)) = (flow.cluster_untracked(), problem()) else {
            return;
        };
        let cluster = looked.cluster.identifier;
        on_review.run(BacktrackRequest {
            cluster,
            backtrack_to: target.whole_seconds(),
            force: force.get_untracked(),
            use_earliest_time_on_point_in_time_unavailable: use_earliest.get_untracked(),
        });
    };
    let preview = move || {
        let target = target().ok()?;
        Some(view! {
            <p class="preview" aria-live="polite">
                "Will send " <code>{format!("BacktrackTo={}", target.whole_seconds())}</code>
                {format!(" — {} local, {} ago.", format_local(target, &Local), session.distance_to(target))}
            </p>
        })
    };
    let message = move || {
        let show = attempted.get() || !chosen.is_empty();
        problem().err().filter(|_| show).map(
            |e| view! { <p class="field-error" id="time-note" role="alert">{e.to_string()}</p> },
        )
    };
    view! {
        <section class="card" aria-labelledby="form-title">
            <h2 id="form-title">"Backtrack"</h2>
            {move || blocked().then(|| view! {
                <p class="note">"Look up a cluster that can be backtracked to choose a time."</p>
            })}
            <form novalidate on:submit=move |ev| { ev.prevent_default(); review(); }>
                <fieldset disabled=move || blocked() || backtracks.locked()>
                    <div class="grid">
                        <LabelledInput id=BACKTRACK_TO label="Backtrack to" value=chosen.picker_input() kind=InputKind::DateTime
                            described_by="time-note"
                            min=Signal::derive(move || bound(earliest()))
                            max=Signal::derive(move || bound(Some(session.server_now()))) />
                        <fieldset class="zone" role="radiogroup" aria-label="Time zone">
                            <legend>"Time zone"</legend>
                            <div class="radios">
                            <label><input type="radio" name="zone" value="utc" prop:checked=move || chosen.zone() == Zone::Utc on:change=move |_| switch_zone(Zone::Utc) />"UTC"</label>
                            <label><input type="radio" name="zone" value="local" prop:checked=move || chosen.zone() == Zone::Local on:change=move |_| switch_zone(Zone::Local) />"Local"</label>
                            </div>
                        </fieldset>
                    </div>
                    <div class="steps">
                        <div class="field">
                            <label for="step">"Step"</label>
                            <select id="step" on:change=move |ev| {
                                if let Ok(secs) = event_target_value(&ev).parse() { step_secs.set(secs) }
                            }>
                                {STEPS.iter().map(|(label, secs)| {
                                    let secs = *secs;
                                    view! { <option value=secs.to_string() selected=move || step_secs.get() == secs>{*label}</option> }
                                }).collect_view()}
                            </select>
                        </div>
                        <button type="button" class="secondary" on:click=move |_| step(-1)>"Earlier"</button>
                        <button type="button" class="secondary" on:click=move |_| step(1)>"Later"</button>
                    </div>
                    <LabelledInput id="paste-time" label="Paste a time" value=pasted described_by="paste-note"
                        placeholder="2026-11-25T14:00:00Z, 2026-11-25 14:00:00, 1795615200, or an HTTP date"
                        on_edit=Callback::new(move |()| paste()) />
                    <p id="paste-note" class="help" aria-live="polite">
                        {move || paste_note.get().map(|note| {
                            let (class, text) = match note {
                                Ok(read) => ("", read),
                                Err(why) => ("field-error", why),
                            };
                            view! { <span class=class>{text}</span> }
                        })}
                    </p>
                    <div class="quick" role="group" aria-label="Quick choices">
                        {QUICK_CHOICES.iter().map(|(label, secs)| {
                            let secs = *secs;
                            view! { <button type="button" class="secondary" on:click=move |_| set_time(session.server_now().add_millis(-secs * 1000))>{*label}</button> }
                        }).collect_view()}
                        <button type="button" class="secondary" aria-describedby="earliest-note"
                            disabled=move || earliest().is_none()
                            on:click=move |_| if let Some(e) = earliest() { set_time(e.add_millis(60_000)) }>"Earliest (+1 min)"</button>
                    </div>
                    <p id="earliest-note" class="help">
                        {move || (!blocked() && earliest().is_none()).then_some("RDS named no earliest backtrack time for this cluster, so Earliest (+1 min) cannot be used.")}
                    </p>
                    {preview}
                    {message}
                    <label class="check">
                        <input type="checkbox" prop:checked=force on:change=move |ev| force.set(event_target_checked(&ev)) />
                        "Force backtrack even if binary logging is enabled"
                    </label>
                    <p class="help">"Needed when binary logging is on; a forced backtrack writes no binlog entries, so binlog replicas will not follow it."</p>
                    <label class="check">
                        <input type="checkbox" prop:checked=use_earliest on:change=move |ev| use_earliest.set(event_target_checked(&ev)) />
                        "Use earliest time if the point in time is unavailable"
                    </label>
                    <p class="help">"If the chosen time is before the earliest backtrack time, rewind to the earliest time instead of failing."</p>
                    <button type="submit" class="primary">"Review backtrack"</button>
                </fieldset>
            </form>
        </section>
    }
}
