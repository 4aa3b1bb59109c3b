namespace CloudAudit.Inventory.Catalog;

/// <summary>Amazon Inspector (v2) reads. Without accountIds, BatchGetAccountStatus answers for the calling account.</summary>
public static class InspectorCalls
{
    public static readonly ApiCall BatchGetAccountStatus = ApiCall.Regional("inspector2", "BatchGetAccountStatus");
}
