using k8s;
using k8s.Models;

namespace LeBureau.Operator.Tests.KubeVirtSimulator;

/// <summary>Minimal kubevirt.io/v1 VirtualMachine and VirtualMachineInstance CRDs (unknown fields preserved, no status subresource).</summary>
public static class KubeVirtCrds
{
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static readonly HashSet<string> Installed = [];

    /// <summary>Installs both CRDs on <paramref name="plane"/> once per process and waits until they are served.</summary>
    public static async Task InstallAsync(ControlPlane.ControlPlane plane)
    {
        await Once.WaitAsync();
        try
        {
            if (!Installed.Add(plane.StateDirectory)) return;
            var directory = Directory.CreateTempSubdirectory("kubevirt-crds-").FullName;
            foreach (var (kind, plural, shortName) in new[] { ("VirtualMachine", "virtualmachines", "vm"), ("VirtualMachineInstance", "virtualmachineinstances", "vmi") })
            {
                var crd = new V1CustomResourceDefinition
                {
                    ApiVersion = "apiextensions.k8s.io/v1", Kind = "CustomResourceDefinition",
                    Metadata = new V1ObjectMeta { Name = $"{plural}.kubevirt.io" },
                    Spec = new V1CustomResourceDefinitionSpec
                    {
                        Group = "kubevirt.io", Scope = "Namespaced",
                        Names = new V1CustomResourceDefinitionNames { Kind = kind, Plural = plural, Singular = kind.ToLowerInvariant(), ShortNames = [shortName] },
                        Versions =
                        [
                            new V1CustomResourceDefinitionVersion
                            {
                                Name = "v1", Served = true, Storage = true,
                                Schema = new V1CustomResourceValidation
                                {
                                    OpenAPIV3Schema = new V1JSONSchemaProps { Type = "object", XKubernetesPreserveUnknownFields = true },
                                },
                            },
                        ],
                    },
                };
                await File.WriteAllTextAsync(Path.Combine(directory, $"{plural}.yaml"), KubernetesYaml.Serialize(crd));
            }
            await plane.InstallCrdsAsync(directory);
            Directory.Delete(directory, recursive: true);
        }
        finally
        {
            Once.Release();
        }
    }
}
