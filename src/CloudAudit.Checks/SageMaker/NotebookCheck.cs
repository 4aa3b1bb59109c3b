using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.SageMaker;

/// <summary>A check of one setting of each SageMaker notebook instance (DescribeNotebookInstance) in every scanned region.</summary>
public abstract class NotebookCheck : ResourceCheck<NotebookInstance>
{
    public override IReadOnlyList<ApiCall> Reads { get; } = [SageMakerCalls.ListNotebookInstances, SageMakerCalls.DescribeNotebookInstance];

    protected override RegionalList<NotebookInstance> List(CheckContext context) => context.Data.SageMaker().NotebookInstances();

    protected override string NoResources => "no SageMaker notebook instances in the scanned regions";

    protected override string ResourceId(Located<NotebookInstance> notebook, CheckContext context) => notebook.Resource.NotebookInstanceArn;

    /// <summary>The setting that fails when Enabled (RootAccess, DirectInternetAccess); absent means the API default, Enabled.</summary>
    protected abstract string? Setting(NotebookInstance notebook);

    protected abstract string Problem { get; }

    protected override void Judge(Located<NotebookInstance> notebook, CheckContext context, Verdict verdict)
    {
        if ((Setting(notebook.Resource) ?? "Enabled") != "Enabled") return;
        var n = notebook.Resource;
        verdict.Fail(n.NotebookInstanceArn, notebook.Region, $"Notebook instance {n.NotebookInstanceName} {Problem}.",
            new SlotValues()
                .With("notebook", n.NotebookInstanceName)
                .With("replacement_notebook", $"{n.NotebookInstanceName}-vpc")
                .With("instance_type", n.InstanceType ?? "ml.t3.medium")
                .With("role_arn", n.RoleArn ?? "")
                .With("kms_key", n.KmsKeyId is { Length: > 0 } key ? key : new SlotValue.Placeholder("KMS_KEY_ARN")));
    }
}
