namespace CloudAudit.Inventory.Catalog;

/// <summary>EFS reads: the file systems of each scanned region.</summary>
public static class EfsCalls
{
    public static readonly ApiCall DescribeFileSystems = ApiCall.Regional("efs", "DescribeFileSystems");
}
