namespace CloudAudit.Inventory.Catalog;

/// <summary>Secrets Manager reads: secret metadata (rotation, last access), never secret values.</summary>
public static class SecretsManagerCalls
{
    public static readonly ApiCall ListSecrets = ApiCall.Regional("secretsmanager", "ListSecrets");
}
