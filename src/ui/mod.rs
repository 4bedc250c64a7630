//! Leptos components, one file each, and the state they share.

pub mod app;
pub mod backtrack_form;
pub mod cluster_list;
pub mod cluster_panel;
pub mod confirm_dialog;
pub mod connection_panel;
pub mod copy_button;
pub mod error_alert;
pub mod history_table;
pub mod identity;
pub mod identity_panel;
pub mod labelled_input;
pub mod latest;
pub mod lifecycle;
pub mod requested_by;
pub mod state;
pub mod status_badge;
pub mod status_card;
pub mod target;
pub mod view_link;
pub mod what_this_undoes;
pub mod window_health;
