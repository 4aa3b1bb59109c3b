using CloudAudit.Policy.Evaluation;
using CloudAudit.Policy.Matching;
using CloudAudit.Policy.Model;

namespace CloudAudit.Policy.Analysis;

/// <summary>A trust statement that lets any identity of an OIDC provider assume the role.</summary>
public sealed record OpenOidcTrust(string Provider, MatchedStatement Statement, string Reason);

/// <summary>Questions about role trust policies.</summary>
public static class TrustAnalysis
{
    const string ProbeOwner = "attacker-probe";
    const string GitHub = "token.actions.githubusercontent.com";

    /// <summary>
    /// Statements that let an arbitrary subject of a web-identity provider assume the role: no condition on
    /// <c>PROVIDER:sub</c>, or one whose wildcards let an identity the provider issues to anyone match (for
    /// GitHub Actions: a wildcard in the repository owner). Answered by evaluating the policy for such a subject.
    /// </summary>
    public static IReadOnlyList<OpenOidcTrust> OpenToAnyOidcSubject(PolicyDocument trustPolicy, string roleArn)
    {
        var findings = new List<OpenOidcTrust>();
        var action = ActionName.Parse("sts:AssumeRoleWithWebIdentity");
        foreach (var statement in trustPolicy.Statements.Where(s => s.Effect == Effect.Allow && s.Principals is not null))
        {
            var set = new PolicySet { ResourcePolicy = Probe.WithOnly(trustPolicy, statement) };
            foreach (var provider in statement.Principals!.Federated)
            {
                if (provider.Contains(":saml-provider/", StringComparison.Ordinal)) continue;
                var host = provider.Contains(":oidc-provider/", StringComparison.Ordinal) ? provider[(provider.IndexOf(":oidc-provider/", StringComparison.Ordinal) + 15)..] : provider;
                var subKey = $"{host}:sub";
                var bindingKeys = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { subKey };
                // For Cognito the audience is the identity pool: another account's pool is another audience.
                if (host.Equals("cognito-identity.amazonaws.com", StringComparison.OrdinalIgnoreCase)) bindingKeys.Add($"{host}:aud");
                var subConditions = statement.Conditions.Where(c => c.Key.Equals(subKey, StringComparison.OrdinalIgnoreCase)).ToList();
                foreach (var subject in ProbeSubjects(host, subConditions))
                {
                    var context = new RequestContext().Set(subKey, subject).Set($"{host}:aud", "attacker-probe-audience");
                    var request = new AccessRequest(Principal.Federated(provider), action, roleArn, context) { FreeKey = k => !bindingKeys.Contains(k) };
                    if (PolicyEvaluator.Decide(set, request) != Decision.Allowed) continue;
                    var reason = subConditions.Count == 0
                        ? $"no condition on {subKey}: any identity the provider issues can assume the role"
                        : $"{string.Join(", ", subConditions)} matches the subject '{subject}', which anyone can obtain";
                    findings.Add(new OpenOidcTrust(provider, Probe.Describe(trustPolicy, statement), reason));
                    break;
                }
            }
        }
        return findings;
    }

    /// <summary>A subject nobody in particular owns, plus ones built from the policy's own patterns.</summary>
    static IEnumerable<string> ProbeSubjects(string host, List<Conditions.ConditionClause> subConditions)
    {
        var github = host.Equals(GitHub, StringComparison.OrdinalIgnoreCase) || host.StartsWith("token.actions.", StringComparison.OrdinalIgnoreCase);
        yield return github ? $"repo:{ProbeOwner}/probe:ref:refs/heads/main" : $"{ProbeOwner}-subject";
        foreach (var value in subConditions.SelectMany(c => c.Values).Where(v => v.Contains('*') || v.Contains('?')))
        {
            var filled = value.Replace("*", ProbeOwner, StringComparison.Ordinal).Replace('?', 'x');
            if (!github) { yield return filled; continue; }
            // Only a wildcard inside the owner part lets a stranger match: owners are unique on GitHub.
            var owner = filled.StartsWith("repo:", StringComparison.Ordinal) ? filled[5..].Split('/')[0] : filled;
            if (owner.Contains(ProbeOwner, StringComparison.Ordinal)) yield return filled;
        }
    }
}
