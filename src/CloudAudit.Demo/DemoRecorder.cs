using System.Text.Json.Nodes;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;

namespace CloudAudit.Demo;

/// <summary>
/// Records the demo's API responses under the same keys the catalog uses, so the demo inventory is
/// read exactly like a collected one. Responses are written as JSON text in the AWS CLI's shape.
/// </summary>
public sealed class DemoRecorder(AccountInventory account)
{
    public string AccountId => account.AccountId;
    public IReadOnlyList<string> Regions => account.Regions;

    /// <summary>A global call's answer.</summary>
    public DemoRecorder Global(ApiCall call, string json) => Add(AwsIds.GlobalRegion, call.Service, call.Operation, call.Parameters, json);

    /// <summary>A regional call's answer in one region.</summary>
    public DemoRecorder Regional(ApiCall call, string region, string json) => Add(region, call.Service, call.Operation, call.Parameters, json);

    /// <summary>A per-resource call's answer for one target.</summary>
    public DemoRecorder Target(ApiCall call, string region, JsonObject parameters, string json) =>
        Add(region, call.Service, call.Operation, parameters, json);

    /// <summary>A failed call (access denied, not found …) for any kind of call.</summary>
    public DemoRecorder Failure(ApiCall call, string region, JsonObject? parameters, ErrorKind kind, string code, string message, int status = 400)
    {
        account.Calls.Add(new ApiRecord
        {
            Region = region, Service = call.Service, Operation = call.Operation,
            Params = parameters ?? Clone(call.Parameters),
            Error = new ApiError(code, message, kind, status),
        });
        return this;
    }

    private DemoRecorder Add(string region, string service, string operation, JsonObject? parameters, string json)
    {
        account.Calls.Add(new ApiRecord
        {
            Region = region, Service = service, Operation = operation,
            Params = Clone(parameters),
            Response = JsonNode.Parse(json) ?? throw new ArgumentException($"demo response for {service}:{operation} is empty"),
        });
        return this;
    }

    private static JsonObject? Clone(JsonObject? parameters) => parameters?.DeepClone().AsObject();

    public static JsonObject Params(params (string Name, JsonNode? Value)[] members) => JsonParams.Of(members);
}
