using static CloudAudit.Inventory.Catalog.JsonParams;

namespace CloudAudit.Inventory.Catalog;

/// <summary>Bedrock reads, and the signals that show Bedrock is in use in a region.</summary>
public static class BedrockCalls
{
    public static readonly ApiCall GetModelInvocationLoggingConfiguration =
        ApiCall.Regional("bedrock", "GetModelInvocationLoggingConfiguration");

    public static readonly ApiCall ListGuardrails = ApiCall.Regional("bedrock", "ListGuardrails");

    public static readonly ApiCall ListAgents = ApiCall.Regional("bedrock-agent", "ListAgents");

    /// <summary>CloudWatch lists a metric only if it received data in the past two weeks: model invocations in that time.</summary>
    public static readonly ApiCall ListInvocationMetrics =
        ApiCall.Regional("cloudwatch", "ListMetrics", Of(("Namespace", "AWS/Bedrock"), ("MetricName", "Invocations")));
}
