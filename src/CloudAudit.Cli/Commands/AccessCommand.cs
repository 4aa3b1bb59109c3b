using System.CommandLine;
using CloudAudit.Access;
using CloudAudit.Access.Verification;
using Arn = CloudAudit.Policy.Matching.Arn;

namespace CloudAudit.Cli.Commands;

/// <summary>
/// <c>cloud-audit access</c>: everyday questions about effective access, answered by the policy engine from the
/// account's real policies (identity, boundary, SCPs, resource policies): who are the administrators, who can do
/// this, can this principal do that. On a live account (the scan's credential and endpoint flags) or a snapshot.
/// Exit codes: admins and who-can exit 0 when nobody is allowed and 1 when someone is (like a finding); can-i exits 0
/// when allowed and 1 when denied (like <c>policy simulate</c> and <c>kubectl auth can-i</c>); 2 for bad input. An
/// answer the inventory cannot give (a read was denied) is NOT ASSESSED, exit 1, never an empty list. With
/// <c>--verify</c>, AWS's own evaluator is asked to confirm each answer (Proof Mode).
/// </summary>
public static class AccessCommand
{
    public static Command Create(AwsAccess? access = null)
    {
        var command = new Command("access", "Effective access from the account's real policies: admins, who-can, can-i");
        command.Subcommands.Add(Admins(access));
        command.Subcommands.Add(WhoCan(access));
        command.Subcommands.Add(CanI(access));
        return command;
    }

    static Command Admins(AwsAccess? access)
    {
        var source = new AccessSource();
        var command = new Command("admins", "Every user, role and group that is effectively an administrator, and why");
        source.AddTo(command);
        command.SetAction(result => source.Answer(result, access, null, (model, format, output, simulator) =>
        {
            var admins = model.Administrators();
            var conditional = model.AdministratorsWhenConditionsHold();
            var unassessed = model.Iam.Entities.Where(e => e.Unassessable is not null && !e.IsServiceLinked)
                .Select(e => $"{e.Arn}: {e.Unassessable}").ToList();
            var proofs = simulator is null ? null : Verify(admins, (admin, token) => Proof.VerifyAsync(model, admin, simulator, token));
            AccessOutput.Admins(output, format, model, admins, conditional, unassessed, proofs);
            return admins.Count > 0 || conditional.Count > 0 || unassessed.Count > 0 ? ExitCodes.Findings : ExitCodes.Clean;
        }));
        return command;
    }

    static Command WhoCan(AwsAccess? access)
    {
        var source = new AccessSource();
        var action = new Argument<string>("ACTION") { Description = "The action, e.g. s3:GetObject" };
        var resource = new Argument<string?>("RESOURCE_ARN") { Description = "The resource (default: every resource, *)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("who-can", "Every principal, and every outside party a resource policy admits, allowed the action") { action, resource };
        source.AddTo(command);
        command.SetAction(result =>
        {
            var actionName = AccessInput.Action(result.GetValue(action)!);
            var resourceArn = AccessInput.Resource(result.GetValue(resource));
            return source.Answer(result, access, Arn.AccountOf(resourceArn), (model, format, output, simulator) =>
            {
                var answer = model.WhoCan(actionName, resourceArn);
                var proofs = simulator is null ? null
                    : Verify(answer.Principals, (party, token) => Proof.VerifyAsync(model, party, actionName, resourceArn, simulator, token));
                AccessOutput.WhoCan(output, format, answer, proofs);
                return answer.Principals.Count > 0 || answer.NotAssessed.Count > 0 ? ExitCodes.Findings : ExitCodes.Clean;
            });
        });
        return command;
    }

    static Command CanI(AwsAccess? access)
    {
        var source = new AccessSource();
        var principal = new Argument<string>("PRINCIPAL_ARN") { Description = "The user or role (its ARN, or an assumed-role session ARN)" };
        var action = new Argument<string>("ACTION") { Description = "The action, e.g. s3:GetObject" };
        var resource = new Argument<string?>("RESOURCE_ARN") { Description = "The resource (default: every resource, *)", Arity = ArgumentArity.ZeroOrOne };
        var context = new Option<string[]>("--context") { Description = "Request context key: KEY=VALUE (repeatable), e.g. aws:MultiFactorAuthPresent=true", AllowMultipleArgumentsPerToken = false };
        var command = new Command("can-i", "Whether the principal may perform the action, and the statements that decide it; exit 0 when allowed, 1 when not")
        {
            principal, action, resource, context,
        };
        source.AddTo(command);
        command.SetAction(result =>
        {
            var principalArn = AccessInput.PrincipalArn(result.GetValue(principal)!);
            var actionName = AccessInput.Action(result.GetValue(action)!);
            var resourceArn = AccessInput.Resource(result.GetValue(resource));
            var contextValues = AccessInput.Context(result.GetValue(context) ?? []);
            return source.Answer(result, access, Arn.AccountOf(principalArn), (model, format, output, simulator) =>
            {
                var entity = AccessInput.Find(model, principalArn);
                var decision = model.CanDo(entity, actionName, resourceArn, contextValues);
                var proof = simulator is null ? null : Proof.VerifyAsync(model, decision, contextValues, simulator).GetAwaiter().GetResult();
                AccessOutput.CanI(output, format, decision, proof);
                return decision.IsAllowed ? ExitCodes.Clean : ExitCodes.Findings;
            });
        });
        return command;
    }

    static IReadOnlyList<ProofResult> Verify<T>(IReadOnlyList<T> items, Func<T, CancellationToken, Task<ProofResult>> verify) =>
        Proof.VerifyEachAsync(items, verify).GetAwaiter().GetResult();
}
