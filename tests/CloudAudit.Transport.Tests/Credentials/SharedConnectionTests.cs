using CloudAudit.Transport.Configuration;
using CloudAudit.Transport.Credentials;
using CloudAudit.Transport.Http;

namespace CloudAudit.Transport.Tests.Credentials;

/// <summary>Clients assumed from one source (an organization's members) send through the source's connections.</summary>
public sealed class SharedConnectionTests : CredentialFixture
{
    [Fact]
    public async Task Member_clients_send_through_the_source_handler_and_leave_it_open_when_disposed()
    {
        Environment["AWS_ACCESS_KEY_ID"] = "AKIAENVIRONMENT";
        Environment["AWS_SECRET_ACCESS_KEY"] = "env-secret";
        var settings = AwsSettings.Load(new AwsEnvironment(Environment.GetValueOrDefault), null);
        using var source = AwsClient.Create(settings, new CredentialOptions(), "us-east-1");

        using (var first = AwsClient.Assuming(source, new AssumeRoleRequest("arn:aws:iam::222222222222:role/audit", "cloud-audit"), "--org-role-name", settings, "us-east-1"))
        using (var second = AwsClient.Assuming(source, new AssumeRoleRequest("arn:aws:iam::333333333333:role/audit", "cloud-audit"), "--org-role-name", settings, "us-east-1"))
        {
            Assert.Same(source.Handler, first.Handler);
            Assert.Same(source.Handler, second.Handler);
            // A member's role is assumed through the shared handler too.
            var assumed = await first.ResolvedCredentials!.CurrentAsync();
            Assert.False(string.IsNullOrEmpty(assumed.AccessKeyId));
        }

        // Disposing the members left the source's handler open: its own credentials still go through it.
        using var third = AwsClient.Assuming(source, new AssumeRoleRequest("arn:aws:iam::444444444444:role/audit", "cloud-audit"), "--org-role-name", settings, "us-east-1");
        Assert.False(string.IsNullOrEmpty((await third.ResolvedCredentials!.CurrentAsync()).AccessKeyId));
        Assert.Equal(2, StsRequests.Count(r => r.Form("Action") == "AssumeRole"));
    }
}
