using CloudAudit.Inventory.Catalog;
using static CloudAudit.Demo.DemoRecorder;

namespace CloudAudit.Demo;

/// <summary>
/// Production's main data-science notebook is locked down but an experiments notebook kept the
/// defaults (root, direct internet); the current churn endpoint config is encrypted, an older one
/// is not, and the fraud model runs on NVMe instances. Development's notebook kept the defaults.
/// The security account has neither notebooks nor endpoints.
/// </summary>
internal sealed class DemoSageMaker : IDemoPart
{
    private sealed record Notebook(string Name, bool Hardened);

    private sealed record Config(string Name, string InstanceType, bool Kms);

    public void Production(DemoRecorder a, DemoClock clock) => Record(a, clock,
        [new("data-science-main", true), new("ml-experiments", false)],
        [new("churn-model-config-v3", "ml.m5.xlarge", true), new("churn-model-config-v1", "ml.m5.xlarge", false), new("fraud-detector-g4dn", "ml.g4dn.xlarge", false)]);

    public void Development(DemoRecorder a, DemoClock clock) => Record(a, clock, [new("dev-notebook", false)], []);

    /// <summary>The security account does no machine learning.</summary>
    public void Security(DemoRecorder a, DemoClock clock) => Record(a, clock, [], []);

    public const string ExecutionRoleName = "AmazonSageMaker-ExecutionRole-20250314T101512";

    /// <summary>
    /// The role the notebooks run as, in the IAM data so the policy engine can say which Bedrock models they may call
    /// (AC-39). Production's calls one model in us-east-1, where a guardrail filters it: its root notebook and Dublin's
    /// unguarded Bedrock are not linked, so no chain. Development's may call every foundation model, and no region has
    /// guardrails: its root notebook is AC-39.
    /// </summary>
    public static IamAuthorizationBuilder ExecutionRole(IamAuthorizationBuilder iam, bool development)
    {
        var models = development
            ? "\"arn:aws:bedrock:*::foundation-model/*\""
            : "\"arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-sonnet-4-20250514-v1:0\"";
        return iam.Role(ExecutionRoleName, IamAuthorizationBuilder.Trust.Service("sagemaker.amazonaws.com"), path: "/service-role/", inline: [("invoke-models", $$"""
            {"Version":"2012-10-17","Statement":[{"Sid":"InvokeModels","Effect":"Allow","Action":["bedrock:InvokeModel","bedrock:InvokeModelWithResponseStream"],"Resource":{{models}}}]}
            """)]);
    }

    private static void Record(DemoRecorder a, DemoClock clock, Notebook[] notebooks, Config[] configs)
    {
        var id = a.AccountId;
        foreach (var region in a.Regions)
        {
            var here = region == "us-east-1";
            var listed = here ? notebooks : [];
            a.Regional(SageMakerCalls.ListNotebookInstances, region, $$"""
                {"NotebookInstances": [{{string.Join(",", listed.Select(n => $$"""
                    {"NotebookInstanceName": "{{n.Name}}", "NotebookInstanceArn": "arn:aws:sagemaker:{{region}}:{{id}}:notebook-instance/{{n.Name}}",
                     "NotebookInstanceStatus": "InService", "InstanceType": "ml.t3.xlarge", "CreationTime": "{{clock.DaysAgo(220)}}", "LastModifiedTime": "{{clock.DaysAgo(30)}}"}
                    """))}}]}
                """);
            foreach (var n in listed)
            {
                var network = n.Hardened
                    ? $$"""
                        "SubnetId": "subnet-0c1d2e3f4a5b6c7d8", "SecurityGroups": ["sg-0a9b8c7d6e5f4a3b2"], "NetworkInterfaceId": "eni-0f1e2d3c4b5a69788",
                        "KmsKeyId": "arn:aws:kms:{{region}}:{{id}}:key/2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e", "DirectInternetAccess": "Disabled", "RootAccess": "Disabled",
                        """
                    : "\"DirectInternetAccess\": \"Enabled\", \"RootAccess\": \"Enabled\",";
                a.Target(SageMakerCalls.DescribeNotebookInstance, region, Params(("NotebookInstanceName", n.Name)), $$"""
                    {"NotebookInstanceArn": "arn:aws:sagemaker:{{region}}:{{id}}:notebook-instance/{{n.Name}}", "NotebookInstanceName": "{{n.Name}}",
                     "NotebookInstanceStatus": "InService", "Url": "{{n.Name}}.notebook.{{region}}.sagemaker.aws", "InstanceType": "ml.t3.xlarge",
                     "RoleArn": "arn:aws:iam::{{id}}:role/service-role/{{ExecutionRoleName}}", {{network}}
                     "VolumeSizeInGB": 50, "PlatformIdentifier": "notebook-al2-v3", "InstanceMetadataServiceConfiguration": {"MinimumInstanceMetadataServiceVersion": "2"},
                     "CreationTime": "{{clock.DaysAgo(220)}}", "LastModifiedTime": "{{clock.DaysAgo(30)}}"}
                    """);
            }
            var listedConfigs = here ? configs : [];
            a.Regional(SageMakerCalls.ListEndpointConfigs, region, $$"""
                {"EndpointConfigs": [{{string.Join(",", listedConfigs.Select(c => $$"""
                    {"EndpointConfigName": "{{c.Name}}", "EndpointConfigArn": "arn:aws:sagemaker:{{region}}:{{id}}:endpoint-config/{{c.Name}}", "CreationTime": "{{clock.DaysAgo(100)}}"}
                    """))}}]}
                """);
            foreach (var c in listedConfigs)
            {
                var key = c.Kms ? $"\"KmsKeyId\": \"arn:aws:kms:{region}:{id}:key/2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e\", " : "";
                a.Target(SageMakerCalls.DescribeEndpointConfig, region, Params(("EndpointConfigName", c.Name)), $$"""
                    {"EndpointConfigName": "{{c.Name}}", "EndpointConfigArn": "arn:aws:sagemaker:{{region}}:{{id}}:endpoint-config/{{c.Name}}",
                     "ProductionVariants": [{"VariantName": "AllTraffic", "ModelName": "{{c.Name.Replace("-config", "", StringComparison.Ordinal)}}",
                       "InitialInstanceCount": 2, "InstanceType": "{{c.InstanceType}}", "InitialVariantWeight": 1.0}],
                     {{key}}"CreationTime": "{{clock.DaysAgo(100)}}", "EnableNetworkIsolation": false}
                    """);
            }
        }
    }
}
