using System.Text.Json.Nodes;
using static CloudAudit.Inventory.Catalog.JsonParams;

namespace CloudAudit.Inventory.Catalog;

/// <summary>
/// KMS reads. ListKeys gives only IDs, so each key is described in its region; the rotation status
/// is read only for keys that can rotate automatically, which saves a call per AWS managed key and
/// avoids errors from asymmetric, HMAC and imported-material keys.
/// </summary>
public static class KmsCalls
{
    public static readonly ApiCall ListKeys = ApiCall.Regional("kms", "ListKeys");

    public static readonly ApiCall DescribeKey =
        ApiCall.PerResource(ListKeys, "kms", "DescribeKey", parent =>
            Items(parent.Response, "Keys")
                .Select(k => k.Str("KeyArn") ?? k.Str("KeyId"))
                .OfType<string>()
                .Select(key => Target(parent.Region, ("KeyId", key))));

    public static readonly ApiCall GetKeyRotationStatus =
        ApiCall.PerResource(DescribeKey, "kms", "GetKeyRotationStatus", parent =>
            parent.Response is JsonObject { } response && response["KeyMetadata"] is JsonObject key && key.Str("Arn") is { } arn
                && CanRotateAutomatically(key.Str("KeyManager"), key.Str("KeySpec") ?? key.Str("CustomerMasterKeySpec"),
                    key.Str("KeyState"), key.Str("Origin"))
                ? [Target(parent.Region, ("KeyId", arn))]
                : []);

    /// <summary>
    /// Automatic rotation exists only for enabled, customer managed, symmetric encryption keys whose
    /// material KMS generated (not imported, not in a custom key store). AWS managed keys rotate on
    /// their own schedule; disabled and pending-deletion keys encrypt nothing new.
    /// </summary>
    public static bool CanRotateAutomatically(string? keyManager, string? keySpec, string? keyState, string? origin) =>
        keyManager == "CUSTOMER" && keySpec == "SYMMETRIC_DEFAULT" && keyState == "Enabled" && origin is null or "AWS_KMS";
}
