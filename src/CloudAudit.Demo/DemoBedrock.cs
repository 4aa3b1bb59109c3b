using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;

namespace CloudAudit.Demo;

/// <summary>
/// Production logs model invocations and uses a guardrail in us-east-1, but the Dublin team calls
/// models without either; an SCP denies Bedrock in Frankfurt, the scanner included. Development
/// runs an agent in us-east-1 with no logging and no guardrail anywhere. The security account uses no
/// models but logs invocations in every region.
/// </summary>
internal sealed class DemoBedrock : IDemoPart
{
    public void Production(DemoRecorder a, DemoClock clock)
    {
        var id = a.AccountId;
        Logging(a, "us-east-1", largeDataBucket: $"northwind-bedrock-logs-{id}");
        a.Regional(BedrockCalls.ListGuardrails, "us-east-1", $$"""
            {"guardrails": [{"id": "q7w2e9r4t1y6", "arn": "arn:aws:bedrock:us-east-1:{{id}}:guardrail/q7w2e9r4t1y6", "status": "READY",
              "name": "northwind-support-guardrail", "description": "Prompt attacks, PII and denied topics", "version": "DRAFT",
              "createdAt": "{{clock.DaysAgo(160)}}", "updatedAt": "{{clock.DaysAgo(20)}}"}]}
            """);
        a.Regional(BedrockCalls.ListAgents, "us-east-1", $$"""
            {"agentSummaries": [{"agentId": "HX7PQ2LMNB", "agentName": "support-agent", "agentStatus": "PREPARED",
              "updatedAt": "{{clock.DaysAgo(20)}}", "latestAgentVersion": "4"}]}
            """);
        Invocations(a, "us-east-1", "anthropic.claude-sonnet-4-20250514-v1:0");

        a.Regional(BedrockCalls.GetModelInvocationLoggingConfiguration, "eu-west-1", "{}");
        a.Regional(BedrockCalls.ListGuardrails, "eu-west-1", """{"guardrails": []}""");
        a.Regional(BedrockCalls.ListAgents, "eu-west-1", """{"agentSummaries": []}""");
        Invocations(a, "eu-west-1", "amazon.nova-pro-v1:0");

        foreach (var call in new[] { BedrockCalls.GetModelInvocationLoggingConfiguration, BedrockCalls.ListGuardrails, BedrockCalls.ListAgents })
            a.Failure(call, "eu-central-1", null, ErrorKind.AccessDenied, "AccessDeniedException",
                $"User: arn:aws:iam::{id}:user/security-auditor is not authorized to perform: bedrock:{call.Operation} with an explicit deny in a service control policy", 403);
        Invocations(a, "eu-central-1", null);
    }

    public void Development(DemoRecorder a, DemoClock clock)
    {
        foreach (var region in a.Regions)
        {
            a.Regional(BedrockCalls.GetModelInvocationLoggingConfiguration, region, "{}");
            a.Regional(BedrockCalls.ListGuardrails, region, """{"guardrails": []}""");
            a.Regional(BedrockCalls.ListAgents, region, region != "us-east-1" ? """{"agentSummaries": []}""" : $$"""
                {"agentSummaries": [{"agentId": "DV3AG9NT01", "agentName": "dev-ops-agent", "agentStatus": "NOT_PREPARED", "updatedAt": "{{clock.DaysAgo(4)}}"}]}
                """);
            Invocations(a, region, null);
        }
    }

    /// <summary>
    /// The security account logs invocations in every region, though it calls no models: stolen
    /// credentials are used first in the regions nobody watches. Large payloads stay in the log group.
    /// </summary>
    public void Security(DemoRecorder a, DemoClock clock)
    {
        foreach (var region in a.Regions)
        {
            Logging(a, region, largeDataBucket: null);
            a.Regional(BedrockCalls.ListGuardrails, region, """{"guardrails": []}""");
            a.Regional(BedrockCalls.ListAgents, region, """{"agentSummaries": []}""");
            Invocations(a, region, null);
        }
    }

    private static void Logging(DemoRecorder a, string region, string? largeDataBucket)
    {
        var largeData = largeDataBucket is null ? "" : $$"""
            , "largeDataDeliveryS3Config": {"bucketName": "{{largeDataBucket}}", "keyPrefix": "large/"}
            """;
        a.Regional(BedrockCalls.GetModelInvocationLoggingConfiguration, region, $$"""
            {"loggingConfig": {"cloudWatchConfig": {"logGroupName": "/aws/bedrock/model-invocations", "roleArn": "arn:aws:iam::{{a.AccountId}}:role/BedrockInvocationLogging"{{largeData}} },
              "textDataDeliveryEnabled": true, "imageDataDeliveryEnabled": true, "embeddingDataDeliveryEnabled": true} }
            """);
    }

    private static void Invocations(DemoRecorder a, string region, string? model) =>
        a.Regional(BedrockCalls.ListInvocationMetrics, region, model is null ? """{"Metrics": []}""" : $$"""
            {"Metrics": [{"Namespace": "AWS/Bedrock", "MetricName": "Invocations", "Dimensions": [{"Name": "ModelId", "Value": "{{model}}"}]}]}
            """);
}
