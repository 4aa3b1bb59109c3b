using System.Text.RegularExpressions;

namespace CloudAudit.Transport;

/// <summary>
/// The engine's read-only promise, checked before any request is built: an operation passes only when its
/// name reads (Describe*, List*, Get*, BatchGet*, Search*, Lookup*, Simulate*Policy, and a few justified
/// exceptions), it is not on the list of reads that hand out secrets, credentials or customer data or that AWS
/// classes as writes, and its HTTP method is not a write method. Tests check the outcome against AWS's Service
/// Authorization Reference and managed policies (ReadOnlyReferenceTests).
/// </summary>
public static partial class ReadOnlyGuard
{
    /// <summary>Reads by name that do not fit the patterns, each with why it is safe.</summary>
    private static readonly Dictionary<(string Service, string Operation), string> AllowedExceptions = new()
    {
        [("iam", "GenerateCredentialReport")] = "starts building the account's credential report, which GetCredentialReport reads; changes no resource",
        [("iam", "GenerateServiceLastAccessedDetails")] = "starts a last-accessed report job for a principal; changes no resource",
    };

    /// <summary>Operations whose names read, but that return secrets, issue credentials or tokens, or read customer data.</summary>
    private static readonly Dictionary<(string Service, string Operation), string> RefusedReads = new()
    {
        // Secret values: the scanner inspects where secrets live, never what they are.
        [("secretsmanager", "GetSecretValue")] = "returns a secret value",
        [("secretsmanager", "BatchGetSecretValue")] = "returns secret values",
        [("secretsmanager", "GetRandomPassword")] = "generates a password",
        [("ssm", "GetParameter")] = "returns parameter values, SecureString ones included",
        [("ssm", "GetParameters")] = "returns parameter values, SecureString ones included",
        [("ssm", "GetParametersByPath")] = "returns parameter values, SecureString ones included",
        [("ssm", "GetParameterHistory")] = "returns past parameter values",
        [("wafv2", "GetDecryptedAPIKey")] = "returns a decrypted API key",
        [("ec2", "GetPasswordData")] = "returns an instance's encrypted administrator password",
        // Credentials, tokens and presigned URLs: reading them creates a way in.
        [("sts", "GetSessionToken")] = "issues credentials",
        [("sts", "GetFederationToken")] = "issues credentials",
        [("sts", "GetDelegatedAccessToken")] = "issues credentials",
        [("sts", "GetWebIdentityToken")] = "issues a token",
        [("ecr", "GetAuthorizationToken")] = "issues a registry token",
        [("ecr-public", "GetAuthorizationToken")] = "issues a registry token",
        [("ecr", "GetDownloadUrlForLayer")] = "issues a presigned URL to image data",
        [("redshift", "GetClusterCredentials")] = "issues database credentials",
        [("redshift", "GetClusterCredentialsWithIAM")] = "issues database credentials",
        [("redshift", "GetIdentityCenterAuthToken")] = "issues a token",
        [("emr", "GetClusterSessionCredentials")] = "issues cluster credentials",
        [("emr", "GetOnClusterAppUIPresignedURL")] = "issues a presigned URL",
        [("emr", "GetPersistentAppUIPresignedURL")] = "issues a presigned URL",
        [("emr", "GetSessionEndpoint")] = "returns a session endpoint with an auth token",
        [("athena", "GetSessionEndpoint")] = "returns a session endpoint with an auth token",
        [("glue", "GetSessionEndpoint")] = "returns a session endpoint with an auth token",
        [("glue", "GetDashboardUrl")] = "issues a presigned URL",
        [("datazone", "GetEnvironmentCredentials")] = "issues credentials",
        [("datazone", "GetIamPortalLoginUrl")] = "issues a login URL",
        [("cognito-idp", "GetTokensFromRefreshToken")] = "issues tokens",
        [("ssm", "GetAccessToken")] = "issues credentials",
        [("ssm", "GetDeployablePatchSnapshotForInstance")] = "issues a presigned URL",
        [("s3control", "GetDataAccess")] = "issues credentials",
        [("acm", "GetAcmeExternalAccountBindingCredentials")] = "issues credentials",
        [("kms", "GetParametersForImport")] = "creates an import token and wrapping key",
        // Customer data and logs: outside a configuration scan, and may hold secrets.
        [("s3", "GetObject")] = "reads object data",
        [("s3", "GetObjectTorrent")] = "reads object data",
        [("dynamodb", "GetItem")] = "reads table data",
        [("dynamodb", "BatchGetItem")] = "reads table data",
        [("kinesis", "GetRecords")] = "reads stream data",
        [("kinesis", "GetShardIterator")] = "opens a stream reader",
        [("logs", "GetLogEvents")] = "reads log data",
        [("logs", "GetLogRecord")] = "reads log data",
        [("logs", "GetLogObject")] = "reads log data",
        [("logs", "GetQueryResults")] = "reads log query results",
        [("athena", "GetQueryResults")] = "reads query results",
        [("cloudtrail", "GetQueryResults")] = "reads event data store query results",
        [("ec2", "GetConsoleOutput")] = "reads instance console output",
        [("ec2", "GetConsoleScreenshot")] = "reads an instance screen",
        [("glue", "GetEntityRecords")] = "reads connector data",
        [("macie2", "GetSensitiveDataOccurrences")] = "reads sensitive data found in objects",
        [("glue", "ListEntities")] = "browses what a connection's data source holds (AWS classes it as a write)",
        [("glue", "DescribeEntity")] = "reads the fields of a connection's data source (AWS classes it as a write)",
        // Named like reads, classed by AWS's Service Authorization Reference as writes.
        [("stepfunctions", "GetActivityTask")] = "takes a task off an activity's queue, as a worker does",
        [("glue", "ListConnectionTypes")] = "is a write by AWS's Service Authorization Reference",
        [("glue", "DescribeConnectionType")] = "is a write by AWS's Service Authorization Reference",
    };

    private static readonly HashSet<string> WriteMethods = new(StringComparer.OrdinalIgnoreCase) { "PUT", "DELETE", "PATCH" };

    /// <summary>Null when the operation may be called; otherwise why it may not.</summary>
    public static string? RefusalReason(string service, string operation, string httpMethod)
    {
        if (RefusedReads.TryGetValue((service, operation), out var reason))
            return $"{service}:{operation} is refused: it {reason}";
        if (WriteMethods.Contains(httpMethod))
            return $"{service}:{operation} is refused: HTTP {httpMethod} writes";
        if (AllowedExceptions.ContainsKey((service, operation)) || ReadName().IsMatch(operation))
            return null;
        return $"{service}:{operation} is refused: not a read (cloud-audit never calls mutating APIs)";
    }

    public static bool IsAllowed(string service, string operation, string httpMethod) =>
        RefusalReason(service, operation, httpMethod) is null;

    [GeneratedRegex("^((Describe|List|Get|BatchGet|Search|Lookup)([A-Z0-9]|$)|Simulate[A-Za-z]*Policy$)", RegexOptions.CultureInvariant)]
    private static partial Regex ReadName();
}

/// <summary>Thrown, before any request is built, for an operation the read-only guard refuses.</summary>
public sealed class OperationRefusedException(string message) : InvalidOperationException(message);
