using System.Text.Json;
using CloudAudit.Policy.Conditions;
using CloudAudit.Policy.Matching;
using CloudAudit.Policy.Model;

namespace CloudAudit.Policy.Parsing;

/// <summary>
/// Parses policy documents with IAM's grammar: element names and Effect values are case-sensitive,
/// single values and arrays are interchangeable, and each policy kind has its own required and
/// prohibited elements. Errors name the element path.
/// </summary>
public static class PolicyParser
{
    static readonly string[] topLevelElements = ["Version", "Id", "Statement"];
    static readonly string[] statementElements =
        ["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"];

    public static PolicyDocument Parse(string document, PolicyKind kind, string name = "policy")
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(PolicyText.Decode(document), new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $"line {line + 1}, position {e.BytePositionInLine + 1}" : "";
            throw new PolicyParseException($"invalid JSON{(where.Length > 0 ? $" at {where}" : "")}", "");
        }
        using (json)
            return ParseRoot(json.RootElement, kind, name);
    }

    static PolicyDocument ParseRoot(JsonElement root, PolicyKind kind, string name)
    {
        if (root.ValueKind != JsonValueKind.Object) throw new PolicyParseException("a policy must be a JSON object", "");
        var members = Members(root, "", topLevelElements);
        string? version = null;
        if (members.TryGetValue("Version", out var v))
        {
            version = Text(v, "Version");
            if (version is not (PolicyDocument.CurrentVersion or PolicyDocument.LegacyVersion))
                throw new PolicyParseException($"unknown policy version '{version}' (expected {PolicyDocument.CurrentVersion} or {PolicyDocument.LegacyVersion})", "Version");
        }
        var id = members.TryGetValue("Id", out var idElement) ? Text(idElement, "Id") : null;
        if (!members.TryGetValue("Statement", out var statementElement))
            throw new PolicyParseException("missing required element Statement", "");
        var variables = version == PolicyDocument.CurrentVersion;
        var rules = KindRules.For(kind);
        var statements = new List<Statement>();
        if (statementElement.ValueKind == JsonValueKind.Object)
            statements.Add(ParseStatement(statementElement, 0, "Statement", rules, variables));
        else if (statementElement.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var s in statementElement.EnumerateArray())
            {
                var path = $"Statement[{i}]";
                if (s.ValueKind != JsonValueKind.Object) throw new PolicyParseException("a statement must be a JSON object", path);
                statements.Add(ParseStatement(s, i++, path, rules, variables));
            }
        }
        else throw new PolicyParseException("must be an object or an array of objects", "Statement");
        CheckSids(statements, rules);
        return new PolicyDocument { Kind = kind, Name = name, Version = version, Id = id, Statements = statements };
    }

    static void CheckSids(List<Statement> statements, KindRules rules)
    {
        if (!rules.UniqueSids) return;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in statements)
            if (s.Sid is not null && !seen.Add(s.Sid))
                throw new PolicyParseException($"duplicate Sid '{s.Sid}': statement IDs must be unique in this kind of policy", $"Statement[{s.Index}].Sid");
    }

    static Statement ParseStatement(JsonElement element, int index, string path, KindRules rules, bool variables)
    {
        var m = Members(element, path, statementElements);
        string? sid = null;
        if (m.TryGetValue("Sid", out var sidElement))
        {
            sid = Text(sidElement, $"{path}.Sid");
            if (rules.AlphanumericSids && !sid.All(char.IsAsciiLetterOrDigit))
                throw new PolicyParseException($"Sid '{sid}' may contain only letters and digits in this kind of policy", $"{path}.Sid");
        }
        if (!m.TryGetValue("Effect", out var effectElement)) throw new PolicyParseException("missing required element Effect", path);
        var effect = Text(effectElement, $"{path}.Effect") switch
        {
            "Allow" => Effect.Allow,
            "Deny" => Effect.Deny,
            var other => throw new PolicyParseException($"Effect must be Allow or Deny (case-sensitive), got '{other}'", $"{path}.Effect"),
        };

        var (actionName, actionElement) = OneOf(m, path, "Action", "NotAction", required: true);
        var actions = Strings(actionElement!.Value, $"{path}.{actionName}")
            .Select((a, i) => ActionPattern.TryCompile(a)
                ?? throw new PolicyParseException($"'{a}' is not an action: use service:action, e.g. s3:GetObject, or *", $"{path}.{actionName}[{i}]"))
            .ToList();

        var (resourceName, resourceElement) = OneOf(m, path, "Resource", "NotResource", required: rules.Resource == Rule.Required);
        if (resourceElement is not null && rules.Resource == Rule.Prohibited)
            throw new PolicyParseException($"{resourceName} is not allowed in this kind of policy", $"{path}.{resourceName}");
        List<ResourcePattern>? resources = null;
        if (resourceElement is { } r)
            resources = [.. Strings(r, $"{path}.{resourceName}").Select((text, i) => ParseResource(text, $"{path}.{resourceName}[{i}]", variables))];

        var (principalName, principalElement) = OneOf(m, path, "Principal", "NotPrincipal", required: rules.Principal == Rule.Required);
        PrincipalSet? principals = null;
        if (principalElement is { } p)
        {
            if (rules.Principal == Rule.Prohibited)
                throw new PolicyParseException($"{principalName} is not allowed in this kind of policy", $"{path}.{principalName}");
            if (principalName == "NotPrincipal" && !rules.NotPrincipalAllowed)
                throw new PolicyParseException("NotPrincipal is not allowed in this kind of policy", $"{path}.NotPrincipal");
            principals = ParsePrincipal(p, $"{path}.{principalName}");
            if (rules.PrincipalMustBeEveryone && !principals.Everyone)
                throw new PolicyParseException("Principal must be \"*\" in this kind of policy", $"{path}.{principalName}");
        }

        var conditions = m.TryGetValue("Condition", out var c) ? ParseConditions(c, $"{path}.Condition", variables) : [];
        return new Statement
        {
            Index = index, Sid = sid, Effect = effect,
            Principals = principals, NotPrincipal = principalName == "NotPrincipal",
            Actions = actions, NotAction = actionName == "NotAction",
            Resources = resources, NotResource = resourceName == "NotResource",
            Conditions = conditions,
        };
    }

    static ResourcePattern ParseResource(string text, string path, bool variables)
    {
        if (text != "*" && !text.StartsWith("arn:", StringComparison.Ordinal))
            throw new PolicyParseException($"'{text}' is not a resource: use an ARN or *", path);
        return new ResourcePattern(text, variables);
    }

    static PrincipalSet ParsePrincipal(JsonElement element, string path)
    {
        var set = new PrincipalSet();
        if (element.ValueKind == JsonValueKind.String)
        {
            if (element.GetString() != "*")
                throw new PolicyParseException("a Principal string must be \"*\"; name principals as {\"AWS\": ...}, {\"Service\": ...} or {\"Federated\": ...}", path);
            set.AddEveryone();
            return set;
        }
        if (element.ValueKind != JsonValueKind.Object) throw new PolicyParseException("must be \"*\" or an object", path);
        var m = Members(element, path, ["AWS", "Service", "Federated", "CanonicalUser"]);
        if (m.Count == 0) throw new PolicyParseException("names no principal", path);
        foreach (var (type, value) in m)
        {
            var i = 0;
            foreach (var entry in Strings(value, $"{path}.{type}"))
            {
                var entryPath = $"{path}.{type}[{i++}]";
                if (type == "AWS") CheckAwsPrincipal(entry, entryPath);
                else if (entry.Length == 0) throw new PolicyParseException("empty principal", entryPath);
                set.Add(type, entry);
            }
        }
        return set;
    }

    static void CheckAwsPrincipal(string value, string path)
    {
        if (value == "*") return;
        if (value.Length == 12 && value.All(char.IsAsciiDigit)) return;
        // IAM rewrites principals of deleted roles and users to their unique IDs (AROA…, AIDA…).
        if (value.Length >= 16 && value.StartsWith('A') && value.All(ch => char.IsAsciiLetterUpper(ch) || char.IsAsciiDigit(ch))) return;
        if (value.StartsWith("arn:", StringComparison.Ordinal) && Arn.TryParse(value, out _) && value.IndexOfAny(['*', '?']) < 0) return;
        throw new PolicyParseException($"invalid AWS principal '{value}': use an account ID, an ARN without wildcards, or \"*\"", path);
    }

    static List<ConditionClause> ParseConditions(JsonElement element, string path, bool variables)
    {
        if (element.ValueKind != JsonValueKind.Object) throw new PolicyParseException("must be an object of operators", path);
        var clauses = new List<ConditionClause>();
        foreach (var (opName, keys) in Members(element, path, null))
        {
            var opPath = $"{path}.{opName}";
            var op = ConditionOperator.TryParse(opName) ?? throw new PolicyParseException($"unknown condition operator '{opName}'", opPath);
            if (keys.ValueKind != JsonValueKind.Object) throw new PolicyParseException("must be an object of condition keys", opPath);
            var keyMembers = Members(keys, opPath, null);
            if (keyMembers.Count == 0) throw new PolicyParseException("names no condition key", opPath);
            foreach (var (key, values) in keyMembers)
            {
                var keyPath = $"{opPath}.{key}";
                if (key.Length == 0) throw new PolicyParseException("empty condition key", keyPath);
                var list = Strings(values, keyPath, conditionValues: true);
                try
                {
                    clauses.Add(new ConditionClause(op, key, list, variables));
                }
                catch (FormatException e)
                {
                    throw new PolicyParseException(e.Message, keyPath);
                }
            }
        }
        return clauses;
    }

    enum Rule { Required, Optional, Prohibited }

    sealed record KindRules(Rule Principal, Rule Resource, bool NotPrincipalAllowed, bool PrincipalMustBeEveryone, bool UniqueSids, bool AlphanumericSids)
    {
        public static KindRules For(PolicyKind kind) => kind switch
        {
            PolicyKind.Identity or PolicyKind.PermissionsBoundary or PolicyKind.Session =>
                new(Rule.Prohibited, Rule.Required, false, false, UniqueSids: true, AlphanumericSids: true),
            PolicyKind.ServiceControl => new(Rule.Prohibited, Rule.Required, false, false, UniqueSids: true, AlphanumericSids: false),
            PolicyKind.ResourceControl => new(Rule.Required, Rule.Required, false, true, UniqueSids: true, AlphanumericSids: false),
            PolicyKind.Trust => new(Rule.Required, Rule.Prohibited, false, false, UniqueSids: true, AlphanumericSids: true),
            // Resource policies are validated by each service; S3, SNS and SQS accept free-form and repeated Sids.
            _ => new(Rule.Required, Rule.Required, true, false, UniqueSids: false, AlphanumericSids: false),
        };
    }

    static (string? Name, JsonElement? Element) OneOf(Dictionary<string, JsonElement> m, string path, string positive, string negative, bool required)
    {
        var hasPositive = m.TryGetValue(positive, out var p);
        var hasNegative = m.TryGetValue(negative, out var n);
        if (hasPositive && hasNegative) throw new PolicyParseException($"{positive} and {negative} cannot both appear in one statement", path);
        if (hasPositive) return (positive, p);
        if (hasNegative) return (negative, n);
        if (required) throw new PolicyParseException($"missing required element {positive} (or {negative})", path);
        return (null, null);
    }

    /// <summary>Object members by name; rejects duplicate names and names outside <paramref name="allowed"/>.</summary>
    static Dictionary<string, JsonElement> Members(JsonElement element, string path, string[]? allowed)
    {
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var where = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
            if (allowed is not null && !allowed.Contains(property.Name))
            {
                var hint = allowed.FirstOrDefault(a => a.Equals(property.Name, StringComparison.OrdinalIgnoreCase));
                throw new PolicyParseException(hint is null
                    ? $"unknown element '{property.Name}'"
                    : $"unknown element '{property.Name}' (element names are case-sensitive: {hint})", where);
            }
            if (!result.TryAdd(property.Name, property.Value)) throw new PolicyParseException($"duplicate element '{property.Name}'", where);
        }
        return result;
    }

    static string Text(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : throw new PolicyParseException("must be a string", path);

    /// <summary>A string or a non-empty array of strings; condition values may also be numbers or booleans.</summary>
    static List<string> Strings(JsonElement element, string path, bool conditionValues = false)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            var list = new List<string>();
            var i = 0;
            foreach (var item in element.EnumerateArray()) list.Add(Scalar(item, $"{path}[{i++}]", conditionValues));
            if (list.Count == 0) throw new PolicyParseException("must not be an empty array", path);
            return list;
        }
        return [Scalar(element, path, conditionValues)];
    }

    static string Scalar(JsonElement element, string path, bool conditionValues) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.Number when conditionValues => element.GetRawText(),
        JsonValueKind.True when conditionValues => "true",
        JsonValueKind.False when conditionValues => "false",
        _ => throw new PolicyParseException(conditionValues ? "must be a string, number or boolean" : "must be a string or an array of strings", path),
    };
}
