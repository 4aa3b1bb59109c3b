namespace CloudAudit.Policy.Model;

/// <summary>Where a policy sits in AWS's evaluation: each kind has its own grammar rules and its own role.</summary>
public enum PolicyKind
{
    /// <summary>Inline or managed policy of a user, group or role.</summary>
    Identity,
    /// <summary>Policy attached to a resource (S3 bucket, KMS key, SNS topic, SQS queue, Lambda function, secret…).</summary>
    Resource,
    /// <summary>A role's trust policy (the resource policy of sts:AssumeRole*).</summary>
    Trust,
    PermissionsBoundary,
    ServiceControl,
    ResourceControl,
    Session,
}

/// <summary>A parsed, compiled policy document. Immutable and safe to share between threads.</summary>
public sealed class PolicyDocument
{
    public const string CurrentVersion = "2012-10-17";
    public const string LegacyVersion = "2008-10-17";

    public required PolicyKind Kind { get; init; }
    /// <summary>A name for reports: the policy ARN, name, or file path.</summary>
    public required string Name { get; init; }
    /// <summary>The Version element, or null when absent (AWS then applies 2008-10-17 rules).</summary>
    public string? Version { get; init; }
    public string? Id { get; init; }
    readonly Statement[] statements = [];
    public required IReadOnlyList<Statement> Statements { get => statements; init => statements = [.. value]; }
    internal Statement[] StatementArray => statements;

    Matching.ServiceMask? services;
    /// <summary>Services this policy's statements can match; built on first use (Statements is set once).</summary>
    internal Matching.ServiceMask Services => services ??= Matching.ServiceMask.Union(statements.Select(s => s.Services));

    Evaluation.MatchedStatement?[]? matched;
    /// <summary>
    /// Statement <paramref name="position"/> as a decision names it: one record per statement, shared by every decision
    /// it takes part in (thousands of edges cite the same few statements).
    /// </summary>
    internal Evaluation.MatchedStatement Matched(int position)
    {
        var cache = matched ??= new Evaluation.MatchedStatement?[statements.Length];
        var s = statements[position];
        return cache[position] ??= new Evaluation.MatchedStatement(Kind, Name, s.Index, s.Sid, s.Effect);
    }

    /// <summary>Policy variables such as <c>${aws:username}</c> are only substituted under Version 2012-10-17.</summary>
    public bool VariablesEnabled => Version == CurrentVersion;

    public static PolicyDocument Parse(string json, PolicyKind kind, string name = "policy") =>
        Parsing.PolicyParser.Parse(json, kind, name);

    public override string ToString() => $"{Kind} {Name}";
}
