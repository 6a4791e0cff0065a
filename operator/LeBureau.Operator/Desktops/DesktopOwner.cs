using k8s.Models;
using LeBureau.Resources;

namespace LeBureau.Operator.Desktops;

/// <summary>Owner references and labels that tie a child object to its Desktop (garbage collection, mapping back).</summary>
public static class DesktopOwner
{
    /// <summary>The controller owner reference to <paramref name="desktop"/>.</summary>
    public static V1OwnerReference Reference(Desktop desktop)
    {
        ArgumentNullException.ThrowIfNull(desktop);
        return new V1OwnerReference
        {
            ApiVersion = desktop.ApiVersion, Kind = desktop.Kind, Name = desktop.Metadata.Name, Uid = desktop.Metadata.Uid,
            Controller = true, BlockOwnerDeletion = true,
        };
    }

    /// <summary>Metadata for a child named <paramref name="name"/> of <paramref name="desktop"/>, for <paramref name="component"/>.</summary>
    public static V1ObjectMeta Metadata(Desktop desktop, string name, string component)
    {
        ArgumentNullException.ThrowIfNull(desktop);
        return new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = desktop.Metadata.NamespaceProperty,
            Labels = new Dictionary<string, string>
            {
                [Labels.Desktop] = desktop.Metadata.Name,
                [Labels.Component] = component,
                [Labels.ManagedBy] = "lebureau-operator",
            },
            OwnerReferences = [Reference(desktop)],
        };
    }
}
