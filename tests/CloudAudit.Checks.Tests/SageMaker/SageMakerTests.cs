using CloudAudit.Checks.Framework;
using CloudAudit.Checks.SageMaker;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Checks.Tests.SageMaker;

public class SageMakerTests
{
    private static TestAccount Notebooks(params (string Name, string? Root, string? Internet)[] notebooks)
    {
        var account = new TestAccount("us-east-1").Answer(SageMakerCalls.ListNotebookInstances, "us-east-1",
            $$"""{"NotebookInstances": [{{string.Join(",", notebooks.Select(n => $$"""{"NotebookInstanceName": "{{n.Name}}"}"""))}}]}""");
        foreach (var n in notebooks)
            account.Answer(SageMakerCalls.DescribeNotebookInstance, "us-east-1", "NotebookInstanceName", n.Name, $$"""
                {"NotebookInstanceName": "{{n.Name}}", "NotebookInstanceArn": "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/{{n.Name}}",
                 "InstanceType": "ml.t3.medium", "RoleArn": "arn:aws:iam::111122223333:role/sm"
                 {{(n.Root is null ? "" : $", \"RootAccess\": \"{n.Root}\"")}}{{(n.Internet is null ? "" : $", \"DirectInternetAccess\": \"{n.Internet}\"")}}}
                """);
        return account;
    }

    [Fact]
    public void Root_access_fails_including_the_unset_default()
    {
        var result = Notebooks(("locked", "Disabled", "Disabled"), ("open", "Enabled", "Enabled"), ("legacy", null, null)).Run("aws-sagemaker-001");
        Assert.Equal(3, result.ResourcesScanned);
        Assert.Equal(["open", "legacy"], result.Findings.Select(f => f.ResourceId.Split('/').Last()).ToArray());
        Assert.Equal(Severity.Critical, result.Findings[0].Severity);
        Assert.Contains("aws sagemaker update-notebook-instance --region us-east-1 --notebook-instance-name open --root-access Disabled", result.Findings[0].Remediation!.Cli);
        Assert.Contains("role_arn      = \"arn:aws:iam::111122223333:role/sm\"", result.Findings[0].Remediation!.Terraform);
    }

    [Fact]
    public void Direct_internet_access_fails_and_the_replacement_keeps_a_placeholder_key()
    {
        var finding = Notebooks(("locked", "Disabled", "Disabled"), ("open", "Disabled", "Enabled")).Run("aws-sagemaker-002").Single();
        Assert.Contains("--notebook-instance-name open-vpc", finding.Remediation!.Cli);
        Assert.Contains("--kms-key-id <KMS_KEY_ARN>", finding.Remediation.Cli);
    }

    [Fact]
    public void Locked_notebooks_pass_and_unreadable_ones_are_not_assessed()
    {
        Assert.Equal(CheckStatus.Pass, Notebooks(("locked", "Disabled", "Disabled")).Run("aws-sagemaker-002").Status);
        var denied = new TestAccount("us-east-1").Answer(SageMakerCalls.ListNotebookInstances, "us-east-1", """{"NotebookInstances": [{"NotebookInstanceName": "n"}]}""")
            .DeniedTarget(SageMakerCalls.DescribeNotebookInstance, "us-east-1", "NotebookInstanceName", "n");
        Assert.Equal(CheckStatus.NotAssessed, denied.Run("aws-sagemaker-001").Status);
    }

    private static TestAccount Configs(params (string Name, string Variant, bool Key)[] configs)
    {
        var account = new TestAccount("us-east-1").Answer(SageMakerCalls.ListEndpointConfigs, "us-east-1",
            $$"""{"EndpointConfigs": [{{string.Join(",", configs.Select(c => $$"""{"EndpointConfigName": "{{c.Name}}", "EndpointConfigArn": "a", "CreationTime": "2026-01-01T00:00:00Z"}"""))}}]}""");
        foreach (var c in configs)
            account.Answer(SageMakerCalls.DescribeEndpointConfig, "us-east-1", "EndpointConfigName", c.Name, $$"""
                {"EndpointConfigName": "{{c.Name}}", "EndpointConfigArn": "arn:aws:sagemaker:us-east-1:111122223333:endpoint-config/{{c.Name}}",
                 "ProductionVariants": [{{c.Variant}}]{{(c.Key ? ", \"KmsKeyId\": \"arn:aws:kms:us-east-1:111122223333:key/k\"" : "")}}}
                """);
        return account;
    }

    [Fact]
    public void Endpoint_configs_with_ebs_volumes_need_a_key_while_nvme_and_serverless_ones_are_out_of_scope()
    {
        var account = Configs(
            ("plain", """{"VariantName": "AllTraffic", "ModelName": "churn", "InstanceType": "ml.m5.xlarge"}""", false),
            ("encrypted", """{"VariantName": "AllTraffic", "ModelName": "churn", "InstanceType": "ml.m5.xlarge"}""", true),
            ("nvme", """{"VariantName": "AllTraffic", "ModelName": "fraud", "InstanceType": "ml.g4dn.xlarge"}""", false),
            ("serverless", """{"VariantName": "AllTraffic", "ModelName": "tiny", "ServerlessConfig": {"MemorySizeInMB": 2048, "MaxConcurrency": 5}}""", false));
        var result = account.Run("aws-sagemaker-003");
        Assert.Equal(2, result.ResourcesScanned);
        var finding = result.Single();
        Assert.Equal("arn:aws:sagemaker:us-east-1:111122223333:endpoint-config/plain", finding.ResourceId);
        Assert.Contains("jq --arg name plain-kms --arg key <KMS_KEY_ARN> '", finding.Remediation!.Cli);
        Assert.Contains("--endpoint-name <ENDPOINT_NAME> --endpoint-config-name plain-kms", finding.Remediation.Cli);
        Assert.Contains("variant_name           = \"AllTraffic\"", finding.Remediation.Terraform);
    }

    [Theory]
    [InlineData("ml.g4dn.xlarge", true)]
    [InlineData("ml.m5d.large", true)]
    [InlineData("ml.p4d.24xlarge", true)]
    [InlineData("ml.m5.xlarge", false)]
    [InlineData("ml.inf1.xlarge", false)]
    public void Local_nvme_families_are_recognised_from_the_instance_type(string type, bool nvme) =>
        Assert.Equal(nvme, EndpointConfigWithoutKms.HasLocalNvme(type));

    [Fact]
    public void A_denied_listing_is_not_assessed_and_an_absent_service_is_not_applicable()
    {
        Assert.Equal(CheckStatus.NotAssessed, new TestAccount("us-east-1").Denied(SageMakerCalls.ListEndpointConfigs, "us-east-1").Run("aws-sagemaker-003").Status);
        Assert.Equal(CheckStatus.NotApplicable, new TestAccount("us-east-1").NotOffered(SageMakerCalls.ListEndpointConfigs, "us-east-1").Run("aws-sagemaker-003").Status);
    }
}
