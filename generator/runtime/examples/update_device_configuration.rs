//! Updates the device status of an Intune device configuration, navigating
//! to it by path from the client: the PATCH body carries only the
//! properties set.
//!
//! `GRAPH_TOKEN` holds an access token
//! (`DeviceManagementConfiguration.ReadWrite.All`); `GRAPH_BASE_URL` the
//! base URL (default `https://graph.microsoft.com/v1.0`); the ids come from
//! `CONFIGURATION_ID` and `DEVICE_STATUS_ID`:
//!
//! ```sh
//! GRAPH_TOKEN=... CONFIGURATION_ID=... DEVICE_STATUS_ID=... \
//!     cargo run -p msgraph-typed --features client --example update_device_configuration
//! ```

use msgraph_typed::client::{Client, StaticToken};
use msgraph_typed::models::DeviceConfigurationDeviceStatus;
use msgraph_typed::support::Field;

fn env(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("set {name}"))
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut builder = Client::builder(StaticToken::new(env("GRAPH_TOKEN")?));
    if let Ok(base) = std::env::var("GRAPH_BASE_URL") {
        builder = builder.base_url(base);
    }
    let client = builder.build();

    let patch = DeviceConfigurationDeviceStatus {
        device_display_name: Field::Value("Renamed by msgraph-typed".into()),
        ..Default::default()
    };
    let update = client
        .device_management()
        .device_configurations()
        .by_id(&env("CONFIGURATION_ID")?)
        .device_statuses()
        .by_id(&env("DEVICE_STATUS_ID")?)
        .update(patch);
    match update.await {
        Ok(updated) => println!("updated: {}", serde_json::to_string_pretty(&updated)?),
        Err(e) => {
            // The service's error: status, OData code and the request id.
            eprintln!("{e}");
            if let Some(id) = e.request_id() {
                eprintln!("request-id for a support case: {id}");
            }
            return Err(e.into());
        }
    }
    Ok(())
}
