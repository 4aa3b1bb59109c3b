namespace CloudAudit.Inventory.Views;

/// <summary>Entry points from an account's inventory to its typed views.</summary>
public static class AccountDataViews
{
    public static CloudTrailView CloudTrail(this AccountData data) => new(data);
    public static MonitoringView Monitoring(this AccountData data) => new(data);
    public static S3View S3(this AccountData data) => new(data);
    public static IamAuthorizationView IamAuthorization(this AccountData data) => new(data);
    public static ResourcePolicyView ResourcePolicies(this AccountData data) => new(data);
}
