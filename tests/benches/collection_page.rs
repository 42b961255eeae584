//! Runtime of the generated (de)serialisation: a 1,000-item collection page
//! read into the typed models and written back, beside `serde_json::Value`
//! on the same bytes. Two pages: device statuses (the generated crate's
//! `DeviceConfigurationDeviceStatus`, items from the documented example of
//! `docs-input/003_1c925b2308cf17e9.txt`) and shapes of mixed derived types
//! (the polymorphism fixture's `Shape`, `Circle` and `Square`), read through
//! the base type and, separately, sorted into their derived types.
//!
//! `cargo bench -p tests --features bench --bench collection_page` prints the figures.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use msgraph_typed::models::DeviceConfigurationDeviceStatus;
use msgraph_typed::support::CollectionPage;
use serde_json::{json, Value};

mod support {
    pub use msgraph_typed::support::*;
}

#[allow(dead_code)]
mod models {
    include!("../tests/fixtures/polymorphic_models.rs");
}

const ITEMS: usize = 1_000;

/// A page of `ITEMS` device statuses, each the documented example with its
/// own id and name.
fn device_statuses() -> Vec<u8> {
    let items: Vec<Value> = (0..ITEMS)
        .map(|i| {
            json!({
                "@odata.type": "#microsoft.graph.deviceConfigurationDeviceStatus",
                "id": format!("674e98e5-98e5-674e-e598-{i:012}"),
                "deviceDisplayName": format!("Device Display Name value {i}"),
                "userName": "User Name value",
                "deviceModel": "Device Model value",
                "platform": 8,
                "complianceGracePeriodExpirationDateTime": "2016-12-31T23:56:44.951111-08:00",
                "status": if i % 7 == 0 { "inGracePeriod" } else { "notApplicable" },
                "lastReportedDateTime": "2017-01-01T00:00:17.7769392-08:00",
                "userPrincipalName": "User Principal Name value"
            })
        })
        .collect();
    page(items)
}

/// A page of `ITEMS` shapes: circles, squares, plain shapes and a derived
/// type this version does not know.
fn shapes() -> Vec<u8> {
    let items: Vec<Value> = (0..ITEMS)
        .map(|i| match i % 4 {
            0 => json!({ "@odata.type": "#microsoft.graph.circle", "id": i.to_string(), "name": "sun", "radius": i }),
            1 => json!({ "@odata.type": "#microsoft.graph.square", "id": i.to_string(), "side": i }),
            2 => json!({ "id": i.to_string(), "name": "plain" }),
            _ => json!({ "@odata.type": "#microsoft.graph.triangle", "id": i.to_string(), "corners": 3 }),
        })
        .collect();
    page(items)
}

fn page(items: Vec<Value>) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#collection",
        "@odata.nextLink": "https://graph.microsoft.com/v1.0/next?$skiptoken=X",
        "value": items
    }))
    .expect("JSON values serialise")
}

fn bench_page<T>(c: &mut Criterion, name: &str, bytes: &[u8])
where
    T: serde::de::DeserializeOwned + serde::Serialize,
{
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("read typed", |b| {
        b.iter(|| serde_json::from_slice::<CollectionPage<T>>(black_box(bytes)).unwrap())
    });
    group.bench_function("read Value", |b| {
        b.iter(|| serde_json::from_slice::<Value>(black_box(bytes)).unwrap())
    });
    let typed: CollectionPage<T> = serde_json::from_slice(bytes).unwrap();
    let value: Value = serde_json::from_slice(bytes).unwrap();
    group.bench_function("write typed", |b| {
        b.iter(|| serde_json::to_vec(black_box(&typed)).unwrap())
    });
    group.bench_function("write Value", |b| {
        b.iter(|| serde_json::to_vec(black_box(&value)).unwrap())
    });
    group.finish();
}

fn device_status_page(c: &mut Criterion) {
    bench_page::<DeviceConfigurationDeviceStatus>(c, "device statuses", &device_statuses());
}

fn shape_page(c: &mut Criterion) {
    let bytes = shapes();
    bench_page::<models::Shape>(c, "shapes", &bytes);
    let mut group = c.benchmark_group("shapes");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("read typed, sorted into derived types", |b| {
        b.iter(|| {
            let page: CollectionPage<models::Shape> = serde_json::from_slice(black_box(&bytes)).unwrap();
            page.value.into_iter().map(models::Shape::into_kind).collect::<Vec<_>>()
        })
    });
    group.finish();
}

criterion_group!(benches, device_status_page, shape_page);
criterion_main!(benches);
