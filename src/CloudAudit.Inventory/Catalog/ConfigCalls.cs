namespace CloudAudit.Inventory.Catalog;

/// <summary>AWS Config reads, once per scanned region. Without names, the describe calls return the customer recorder.</summary>
public static class ConfigCalls
{
    public static readonly ApiCall DescribeConfigurationRecorders = ApiCall.Regional("config", "DescribeConfigurationRecorders");
    public static readonly ApiCall DescribeConfigurationRecorderStatus = ApiCall.Regional("config", "DescribeConfigurationRecorderStatus");
    public static readonly ApiCall DescribeDeliveryChannels = ApiCall.Regional("config", "DescribeDeliveryChannels");
}
