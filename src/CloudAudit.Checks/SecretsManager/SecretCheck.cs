using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.SecretsManager;

/// <summary>
/// A check of each secret the account manages itself: secrets owned by another service (RDS master
/// passwords, EventBridge connections …) are managed and rotated by that service, and replicas are
/// judged through their primary.
/// </summary>
public abstract class SecretCheck : ResourceCheck<SecretListEntry>
{
    public override IReadOnlyList<ApiCall> Reads { get; } = [SecretsManagerCalls.ListSecrets];

    protected override RegionalList<SecretListEntry> List(CheckContext context) => context.Data.SecretsManager().Secrets();

    protected override bool InScope(SecretListEntry secret) => secret.OwningService is null && secret.DeletedDate is null;

    protected override string NoResources => "no customer-managed secrets in the scanned regions";

    protected override string ResourceId(Located<SecretListEntry> secret, CheckContext context) => secret.Resource.ARN;

    /// <summary>Replicas carry the primary's rotation; only the primary is judged.</summary>
    protected static bool IsReplica(Located<SecretListEntry> secret) =>
        secret.Resource.PrimaryRegion is { } primary && primary != secret.Region;

    protected static SlotValues Slots(SecretListEntry secret) => new SlotValues().With("secret", secret.Name);
}
