using System.Net;
using CloudAudit.Transport.Models;
using CloudAudit.Transport.Tests.Http;
using AwsClientType = CloudAudit.Transport.Http.AwsClient;

namespace CloudAudit.Transport.Tests;

public sealed class ReadOnlyGuardTests
{
    private static readonly string[] ReadPrefixes = ["Describe", "List", "Get", "BatchGet", "Search", "Lookup"];

    [Fact]
    public void Every_operation_of_every_service_is_judged_by_its_name_and_only_reads_pass()
    {
        var allowed = 0;
        var refused = 0;
        foreach (var (service, entry) in ModelStore.AllOperations)
        {
            foreach (var (operation, method) in entry.Operations)
            {
                var isAllowed = ReadOnlyGuard.IsAllowed(service, operation, method);
                var readsByName = ReadPrefixes.Any(p => operation.StartsWith(p, StringComparison.Ordinal) && (operation.Length == p.Length || !char.IsLower(operation[p.Length])))
                    || (operation.StartsWith("Simulate", StringComparison.Ordinal) && operation.EndsWith("Policy", StringComparison.Ordinal))
                    || operation is "GenerateCredentialReport" or "GenerateServiceLastAccessedDetails";
                if (isAllowed)
                {
                    Assert.True(readsByName, $"{service}:{operation} passed without a read name");
                    Assert.DoesNotContain(method, new[] { "PUT", "DELETE", "PATCH" });
                    allowed++;
                }
                else
                {
                    refused++;
                }
            }
        }
        Assert.True(ModelStore.AllOperations.Count >= 75, $"the index covers every service in the models ({ModelStore.AllOperations.Count})");
        Assert.True(allowed > 2000 && refused > 3000, $"{allowed} allowed, {refused} refused");
    }

    [Theory]
    [InlineData("ec2", "RunInstances", "POST")]
    [InlineData("iam", "CreateUser", "POST")]
    [InlineData("iam", "DeleteRole", "POST")]
    [InlineData("s3", "PutBucketPolicy", "PUT")]
    [InlineData("s3", "DeleteBucket", "DELETE")]
    [InlineData("sts", "AssumeRole", "POST")]
    [InlineData("secretsmanager", "GetSecretValue", "POST")]
    [InlineData("s3", "GetObject", "GET")]
    [InlineData("ssm", "GetParameter", "POST")]
    [InlineData("sts", "GetSessionToken", "POST")]
    [InlineData("lambda", "Invoke", "POST")]
    [InlineData("dynamodb", "Scan", "POST")]
    [InlineData("ec2", "Listen", "POST")]
    public void Refuses_writes_and_sensitive_reads(string service, string operation, string method) =>
        Assert.False(ReadOnlyGuard.IsAllowed(service, operation, method));

    [Theory]
    [InlineData("iam", "GenerateCredentialReport")]
    [InlineData("iam", "SimulatePrincipalPolicy")]
    [InlineData("cloudtrail", "LookupEvents")]
    [InlineData("s3", "GetBucketPolicy")]
    [InlineData("inspector2", "BatchGetAccountStatus")]
    [InlineData("secretsmanager", "GetResourcePolicy")]
    public void Allows_reads(string service, string operation) =>
        Assert.True(ReadOnlyGuard.IsAllowed(service, operation, "POST"));

    [Fact]
    public void Every_embedded_operation_is_a_read_the_client_can_call()
    {
        var count = 0;
        foreach (var service in ModelStore.EmbeddedServices)
        {
            foreach (var operation in ModelStore.Find(service)!.Operations.Keys)
            {
                Assert.True(AwsClientType.CanRead(service, operation), $"{service}:{operation}");
                count++;
            }
        }
        Assert.True(count > 150, $"{count} embedded operations");
        Assert.False(AwsClientType.CanRead("iam", "CreateUser"));
        Assert.False(AwsClientType.CanRead("iam", "ListUserTags"));
    }

    [Fact]
    public void The_sensitive_reads_are_real_operations_of_the_models()
    {
        foreach (var (service, operation) in new[] { ("secretsmanager", "GetSecretValue"), ("s3", "GetObject"), ("ssm", "GetParameters"), ("ecr", "GetAuthorizationToken") })
            Assert.True(ModelStore.AllOperations[service].Operations.ContainsKey(operation), $"{service}:{operation}");
    }

    [Fact]
    public async Task A_refused_operation_never_reaches_the_http_handler()
    {
        var handler = new FakeHandler((_, _, _) => FakeHandler.Respond(HttpStatusCode.OK, "{}"));
        using var client = FakeHandler.Client(handler);
        var attempted = 0;
        foreach (var (service, entry) in ModelStore.AllOperations)
        {
            foreach (var (operation, method) in entry.Operations.Where(o => !ReadOnlyGuard.IsAllowed(service, o.Key, o.Value)))
            {
                await Assert.ThrowsAsync<OperationRefusedException>(() => client.ReadAsync(service, "us-east-1", operation, null, CancellationToken.None));
                attempted++;
            }
        }
        Assert.True(attempted > 3000);
        Assert.Empty(handler.Requests);
    }
}
