namespace CloudAudit.Inventory.Views;

/// <summary>Entry points from an account's inventory to its typed views.</summary>
public static class AccountDataViews
{
    public static CloudTrailView CloudTrail(this AccountData data) => new(data);
    public static MonitoringView Monitoring(this AccountData data) => new(data);
    public static S3View S3(this AccountData data) => new(data);
    public static EfsView Efs(this AccountData data) => new(data);
    public static RdsView Rds(this AccountData data) => new(data);
    public static KmsView Kms(this AccountData data) => new(data);
    public static IamView Iam(this AccountData data) => new(data);
    public static AccountView Account(this AccountData data) => new(data);
    public static Ec2View Ec2(this AccountData data) => new(data);
    public static VpcView Vpc(this AccountData data) => new(data);
}
