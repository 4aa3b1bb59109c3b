using CloudAudit.Transport.Endpoints;
using CloudAudit.Transport.Models;

namespace CloudAudit.Transport.Tests.Endpoints;

public sealed class EndpointResolverTests
{
    private static readonly EndpointResolver Resolver = EndpointResolver.Default;

    [Theory]
    [InlineData("iam", "global", "us-east-1", "iam.amazonaws.com", "us-east-1")]
    [InlineData("iam", "eu-west-1", "us-east-1", "iam.amazonaws.com", "us-east-1")]
    [InlineData("organizations", "global", "us-east-1", "organizations.us-east-1.amazonaws.com", "us-east-1")]
    [InlineData("account", "global", "us-east-1", "account.us-east-1.amazonaws.com", "us-east-1")]
    [InlineData("sts", "global", "us-east-1", "sts.amazonaws.com", "us-east-1")]
    [InlineData("sts", "eu-west-1", "us-east-1", "sts.eu-west-1.amazonaws.com", "eu-west-1")]
    [InlineData("s3", "global", "us-east-1", "s3.amazonaws.com", "us-east-1")]
    [InlineData("s3", "eu-west-1", "us-east-1", "s3.eu-west-1.amazonaws.com", "eu-west-1")]
    [InlineData("s3control", "global", "us-east-1", "s3-control.us-east-1.amazonaws.com", "us-east-1")]
    [InlineData("cloudwatch", "ap-southeast-2", "us-east-1", "monitoring.ap-southeast-2.amazonaws.com", "ap-southeast-2")]
    [InlineData("logs", "eu-central-1", "us-east-1", "logs.eu-central-1.amazonaws.com", "eu-central-1")]
    [InlineData("sagemaker", "eu-west-1", "us-east-1", "api.sagemaker.eu-west-1.amazonaws.com", "eu-west-1")]
    [InlineData("iam", "global", "cn-north-1", "iam.cn-north-1.amazonaws.com.cn", "cn-north-1")]
    [InlineData("ec2", "cn-northwest-1", "cn-north-1", "ec2.cn-northwest-1.amazonaws.com.cn", "cn-northwest-1")]
    [InlineData("iam", "global", "us-gov-west-1", "iam.us-gov.amazonaws.com", "us-gov-west-1")]
    [InlineData("organizations", "global", "us-gov-east-1", "organizations.us-gov-west-1.amazonaws.com", "us-gov-west-1")]
    [InlineData("bedrock-agentcore-control", "us-west-2", "us-east-1", "bedrock-agentcore-control.us-west-2.amazonaws.com", "us-west-2")]
    public void Resolves_regional_and_global_endpoints(string service, string region, string home, string host, string signingRegion)
    {
        var endpoint = Resolver.Resolve(ModelStore.Find(service)!, region, home);

        Assert.Equal($"https://{host}/", endpoint.Url.ToString());
        Assert.Equal(signingRegion, endpoint.SigningRegion);
        Assert.False(endpoint.IsCustom);
    }

    [Theory]
    [InlineData("us-east-1", "aws")]
    [InlineData("cn-north-1", "aws-cn")]
    [InlineData("us-gov-west-1", "aws-us-gov")]
    [InlineData("us-iso-east-1", "aws-iso")]
    [InlineData("eu-future-9", "aws")]
    public void Finds_the_partition_of_a_region(string region, string partition) =>
        Assert.Equal(partition, Resolver.PartitionOf(region));

    [Fact]
    public void Signing_names_come_from_the_model()
    {
        Assert.Equal("s3", Resolver.Resolve(ModelStore.Find("s3control")!, "global", "us-east-1").SigningName);
        Assert.Equal("monitoring", Resolver.Resolve(ModelStore.Find("cloudwatch")!, "us-east-1", "us-east-1").SigningName);
        Assert.Equal("bedrock-agentcore", Resolver.Resolve(ModelStore.Find("bedrock-agentcore-control")!, "us-east-1", "us-east-1").SigningName);
    }

    [Fact]
    public void A_custom_endpoint_is_used_as_given_and_signed_for_the_region()
    {
        var endpoint = Resolver.Resolve(ModelStore.Find("iam")!, "global", "eu-west-1", new Uri("http://localhost:4566"));

        Assert.Equal("http://localhost:4566/", endpoint.Url.ToString());
        Assert.Equal("us-east-1", endpoint.SigningRegion);
        Assert.True(endpoint.IsCustom);
    }

    [Theory]
    [InlineData("bedrock", "ap-east-1", RegionAvailability.NotAvailable)]
    [InlineData("bedrock", "us-east-1", RegionAvailability.Available)]
    [InlineData("iam", "ap-east-1", RegionAvailability.Available)]
    [InlineData("sagemaker", "eu-west-1", RegionAvailability.Available)]
    [InlineData("bedrock-agentcore-control", "eu-west-1", RegionAvailability.Unknown)]
    [InlineData("cloudtrail", "global", RegionAvailability.Available)]
    public void Knows_where_services_run(string service, string region, RegionAvailability expected) =>
        Assert.Equal(expected, Resolver.Availability(service, region));
}
