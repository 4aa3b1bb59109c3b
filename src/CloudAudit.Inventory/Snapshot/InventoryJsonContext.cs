using System.Text.Json.Serialization;

namespace CloudAudit.Inventory.Snapshot;

[JsonSourceGenerationOptions(WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(InventorySnapshot))]
internal sealed partial class InventoryJsonContext : JsonSerializerContext;
