using System.Text.Json;
using System.Text.Json.Nodes;
using CloudAudit.Transport.Models;

namespace CloudAudit.Transport.Protocols;

/// <summary>
/// Changes the AWS CLI makes to parsed output beyond what the model says, so stored responses read as
/// `aws` prints them. One today: IAM returns policy documents URL-encoded, and the CLI decodes them into
/// JSON objects (every string of IAM's policyDocumentType shape).
/// </summary>
internal static class OutputCustomizations
{
    private const string IamPolicyDocumentShape = "policyDocumentType";

    public static void Apply(string service, OperationModel operation, JsonObject output)
    {
        if (service == "iam" && operation.Output is { } shape)
            DecodePolicies(output, shape.Target);
    }

    private static void DecodePolicies(JsonNode? value, Shape shape)
    {
        switch (value, shape.Type)
        {
            case (JsonObject obj, "structure"):
                foreach (var member in shape.Members)
                {
                    if (obj[member.Name] is not { } memberValue)
                        continue;
                    if (member.Target.Name == IamPolicyDocumentShape && memberValue is JsonValue text && text.TryGetValue<string>(out var encoded))
                        obj[member.Name] = DecodeQuotedJson(encoded) ?? memberValue.DeepClone();
                    else
                        DecodePolicies(memberValue, member.Target);
                }
                break;
            case (JsonArray array, "list"):
                foreach (var item in array)
                    DecodePolicies(item, shape.Member!.Target);
                break;
        }
    }

    /// <summary>The document as JSON, or null when it is not URL-encoded JSON (then it stays a string).</summary>
    private static JsonNode? DecodeQuotedJson(string encoded)
    {
        try
        {
            return JsonNode.Parse(Uri.UnescapeDataString(encoded));
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
