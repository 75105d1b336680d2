//! `pc emulator`: runs the local Partner Center in the foreground.

use clap::Args;
use pc_emulator::{
    DEFAULT_APP_ONLY_TOKEN, DEFAULT_APP_USER_TOKEN, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET,
    DEFAULT_GCC_VALIDATION_CODE, DEFAULT_REFRESH_TOKEN, DEFAULT_RESELLER_ID, Emulator,
    EmulatorArgs,
};

use crate::exit::Exit;
use crate::output::Output;

/// Arguments of `pc emulator`: the emulator's own, as `pc-emulator` takes them.
#[derive(Debug, Args)]
#[command(after_help = pc_emulator::EmulatorArgs::AFTER_HELP)]
pub(crate) struct EmulatorCommand {
    #[command(flatten)]
    args: EmulatorArgs,
}

/// Runs the emulator until Ctrl-C.
pub(crate) async fn run(args: &EmulatorCommand, out: &mut Output) -> Exit {
    let config = args.args.to_config();
    if let Some(warning) = config.exposure_warning() {
        out.error(&warning);
    }
    let tenant = config.partner_tenant_id;
    let emulator = match Emulator::start(config).await {
        Ok(e) => e,
        Err(e) => {
            out.error(&format!("cannot start the emulator: {e}"));
            return Exit::Service;
        }
    };
    let url = emulator.url().to_owned();
    if out.json() {
        out.json_doc(&pc_cli::json::EmulatorOutput {
            url: url.clone(),
            tenant_id: tenant.to_string(),
            client_id: DEFAULT_CLIENT_ID.to_owned(),
            reseller_id: DEFAULT_RESELLER_ID.to_string(),
            gcc_validation_code: DEFAULT_GCC_VALIDATION_CODE.to_owned(),
        });
    } else {
        for line in [
            format!("pc emulator listening on {url}  (Ctrl-C to stop)"),
            String::new(),
            "Point pc at it (a fixed App+User token; it never expires):".to_owned(),
            format!("  export PC_BASE_URL={url} PC_ACCESS_TOKEN={DEFAULT_APP_USER_TOKEN}"),
            "or through the real refresh-token flow (the token rotates, the file keeps the new one; a reset makes the first one valid again):".to_owned(),
            format!("  echo {DEFAULT_REFRESH_TOKEN} > refresh-token.txt"),
            format!("  export PC_BASE_URL={url} PC_AUTHORITY={url} PC_TENANT_ID={tenant}"),
            format!("  export PC_CLIENT_ID={DEFAULT_CLIENT_ID} PC_CLIENT_SECRET={DEFAULT_CLIENT_SECRET}"),
            "  export PC_REFRESH_TOKEN_FILE=refresh-token.txt".to_owned(),
            String::new(),
            format!("Fixed App-only token {DEFAULT_APP_ONLY_TOKEN}, reseller {DEFAULT_RESELLER_ID}, GCC code {DEFAULT_GCC_VALIDATION_CODE}"),
            match emulator.config().control_token() {
                Some(None) => format!("State and control: {url}/_emulator/state"),
                Some(Some(_)) => format!(
                    "State and control: {url}/_emulator/state (Authorization: Bearer <the control token>)"
                ),
                None => "The control API is off.".to_owned(),
            },
        ] {
            out.line(&line);
        }
    }
    if tokio::signal::ctrl_c().await.is_err() {
        out.error("cannot wait for Ctrl-C; stopping");
    }
    emulator.shutdown().await;
    Exit::Success
}
