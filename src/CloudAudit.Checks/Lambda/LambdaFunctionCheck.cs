using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Lambda;

/// <summary>A check of each Lambda function ($LATEST) in every scanned region.</summary>
public abstract class LambdaFunctionCheck : ResourceCheck<LambdaFunction>
{
    public override IReadOnlyList<ApiCall> Reads => [LambdaCalls.ListFunctions, .. ExtraReads];

    protected virtual IReadOnlyList<ApiCall> ExtraReads => [];

    protected override RegionalList<LambdaFunction> List(CheckContext context) => context.Data.Lambda().Functions();

    protected override string NoResources => "no Lambda functions in the scanned regions";

    protected override string ResourceId(Located<LambdaFunction> function, CheckContext context) => function.Resource.FunctionArn;

    protected static SlotValues Slots(LambdaFunction function) => new SlotValues().With("function", function.FunctionName);
}
