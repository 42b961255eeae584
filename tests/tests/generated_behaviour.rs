//! Behaviour of the generated crate that users rely on: PATCH bodies carry
//! only what was set, explicit nulls, unknown fields and enum values kept,
//! exact date-times, and ids that cannot leave their path segment.

use msgraph_typed::enums::ComplianceStatus;
use msgraph_typed::models::{DeviceComplianceUserOverview, DeviceConfigurationDeviceStatus};
use msgraph_typed::nav::Graph;
use msgraph_typed::routes::device_management::UpdateDeviceManagementDeviceConfigurationDeviceStatus;
use msgraph_typed::support::{Field, Route};
use serde_json::json;

#[test]
fn unset_fields_are_absent_from_the_body() {
    let body = DeviceComplianceUserOverview {
        pending_count: Field::Value(3),
        ..Default::default()
    };
    assert_eq!(serde_json::to_value(&body).unwrap(), json!({ "pendingCount": 3 }));
    assert_eq!(
        serde_json::to_value(DeviceComplianceUserOverview::default()).unwrap(),
        json!({})
    );
}

#[test]
fn an_explicit_null_is_sent() {
    let body = DeviceComplianceUserOverview {
        failed_count: Field::Null,
        ..Default::default()
    };
    assert_eq!(serde_json::to_value(&body).unwrap(), json!({ "failedCount": null }));
    let read: DeviceComplianceUserOverview = serde_json::from_value(json!({ "failedCount": null })).unwrap();
    assert_eq!(read.failed_count, Field::Null);
    assert_eq!(read.error_count, Field::Unset);
}

#[test]
fn unknown_fields_and_odata_type_round_trip() {
    let sent = json!({
        "@odata.type": "#microsoft.graph.deviceComplianceUserOverview",
        "pendingCount": 1,
        "aPropertyFromTheFuture": { "nested": [1, 2, 3] }
    });
    let read: DeviceComplianceUserOverview = serde_json::from_value(sent.clone()).unwrap();
    assert_eq!(
        read.odata_type.as_deref(),
        Some("#microsoft.graph.deviceComplianceUserOverview")
    );
    assert!(read.additional_properties.contains_key("aPropertyFromTheFuture"));
    assert_eq!(serde_json::to_value(&read).unwrap(), sent);
}

#[test]
fn unknown_enum_values_are_kept() {
    let known: ComplianceStatus = serde_json::from_value(json!("notApplicable")).unwrap();
    assert_eq!(known, ComplianceStatus::NotApplicable);
    let unknown: ComplianceStatus = serde_json::from_value(json!("inGracePeriod")).unwrap();
    assert_eq!(unknown, ComplianceStatus::UnknownValue("inGracePeriod".into()));
    assert_eq!(unknown.as_str(), "inGracePeriod");
    assert_eq!(serde_json::to_value(&unknown).unwrap(), json!("inGracePeriod"));
    let status: DeviceConfigurationDeviceStatus = serde_json::from_value(json!({ "status": "brandNew" })).unwrap();
    assert_eq!(
        status.status,
        Field::Value(ComplianceStatus::UnknownValue("brandNew".into()))
    );
}

#[test]
fn date_times_keep_their_seven_fraction_digits() {
    let sent = json!({ "lastUpdateDateTime": "2016-12-31T23:58:21.6459442-08:00" });
    let read: DeviceComplianceUserOverview = serde_json::from_value(sent.clone()).unwrap();
    assert!(read.last_update_date_time.is_value());
    assert_eq!(serde_json::to_value(&read).unwrap(), sent);
}

#[test]
fn hostile_ids_stay_inside_their_segment() {
    for id in ["a/b", "a?b=1", "a#b", "100%", "a b", "ü", "...", "%2E%2E"] {
        let route = Graph::new()
            .device_management()
            .device_configurations()
            .by_id(id)
            .device_statuses()
            .by_id("x")
            .update(Default::default());
        let path = route.to_request().unwrap().path;
        let segments: Vec<&str> = path.split('/').collect();
        assert_eq!(segments.len(), 6, "{id} -> {path}");
        assert_eq!(segments[1..3], ["deviceManagement", "deviceConfigurations"]);
        assert!(
            !segments[3].contains(['/', '?', '#', ' ']) && segments[3] != ".." && segments[3] != ".",
            "{id} -> {path}"
        );
        assert_eq!(segments[4..], ["deviceStatuses", "x"]);
        let decoded = percent_encoding::percent_decode_str(segments[3]).decode_utf8().unwrap();
        assert_eq!(decoded, id);
    }
}

#[test]
fn an_empty_or_dot_id_is_an_error_not_another_path() {
    // Empty drops the segment; `.` and `..` are read as steps by URL parsers
    // even when percent-encoded.
    for id in ["", ".", ".."] {
        let route = Graph::new()
            .device_management()
            .device_configurations()
            .by_id(id)
            .device_statuses()
            .by_id("x")
            .update(Default::default());
        let e = route.to_request().unwrap_err();
        assert!(e.is_request(), "{id:?}");
        assert!(e.to_string().contains("`deviceConfigurationId`"), "{id:?}: {e}");
    }
}

#[test]
fn a_route_its_page_gives_under_beta_builds_beta_requests() {
    // docs-input/003: a beta notice and `https://graph.microsoft.com/beta/...` examples.
    use msgraph_typed::support::ApiVersion;
    assert_eq!(
        UpdateDeviceManagementDeviceConfigurationDeviceStatus::API_VERSION,
        ApiVersion::Beta
    );
    let route = Graph::new()
        .device_management()
        .device_configurations()
        .by_id("c")
        .device_statuses()
        .by_id("s")
        .update(Default::default());
    let request = route.to_request().unwrap();
    assert_eq!(request.version, ApiVersion::Beta);
    assert_eq!(
        request.url(request.version.base_url()),
        "https://graph.microsoft.com/beta/deviceManagement/deviceConfigurations/c/deviceStatuses/s"
    );
}
