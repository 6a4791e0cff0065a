{{/* The chart name, or nameOverride. */}}
{{- define "lebureau.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 40 | trimSuffix "-" -}}
{{- end -}}

{{/* "<release>-<chart>" (just the release name when it already contains the chart name), or fullnameOverride. */}}
{{- define "lebureau.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Labels on every object. */}}
{{- define "lebureau.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "lebureau.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: lebureau
{{- end -}}

{{/* Selector labels of one component: include with (dict "root" $ "component" "operator"). */}}
{{- define "lebureau.selectorLabels" -}}
app.kubernetes.io/name: {{ include "lebureau.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* The operator's ServiceAccount. */}}
{{- define "lebureau.operatorServiceAccountName" -}}
{{- default (printf "%s-operator" (include "lebureau.fullname" .)) .Values.serviceAccount.operatorName -}}
{{- end -}}

{{/* The api-server's ServiceAccount. */}}
{{- define "lebureau.apiServerServiceAccountName" -}}
{{- default (printf "%s-api-server" (include "lebureau.fullname" .)) .Values.serviceAccount.apiServerName -}}
{{- end -}}

{{/* An image reference: include with (dict "root" $ "image" .Values.operator.image). */}}
{{- define "lebureau.image" -}}
{{- $repository := .image.repository -}}
{{- if .root.Values.global.imageRegistry -}}
{{- $repository = printf "%s/%s" .root.Values.global.imageRegistry $repository -}}
{{- end -}}
{{- printf "%s:%s" $repository (default .root.Chart.AppVersion .image.tag) -}}
{{- end -}}

{{/* The Secret holding the Redis connection string. */}}
{{- define "lebureau.redisSecretName" -}}
{{- printf "%s-redis-connection" (include "lebureau.fullname" .) -}}
{{- end -}}

{{/* The Redis connection string (StackExchange.Redis configuration). */}}
{{- define "lebureau.redisConnectionString" -}}
{{- if .Values.redis.enabled -}}
{{- printf "%s-redis.%s.svc:6379,abortConnect=false" (include "lebureau.fullname" .) .Release.Namespace -}}
{{- else -}}
{{- .Values.redis.external.url -}}
{{- end -}}
{{- end -}}

{{/* Namespaces that get the desktop NetworkPolicy. */}}
{{- define "lebureau.desktopNamespaces" -}}
{{- $namespaces := .Values.networkPolicy.namespaces -}}
{{- if not $namespaces -}}
{{- $namespaces = .Values.operator.namespaces -}}
{{- end -}}
{{- if not $namespaces -}}
{{- $namespaces = list .Release.Namespace -}}
{{- end -}}
{{- toJson $namespaces -}}
{{- end -}}

{{/* imagePullSecrets of every pod. */}}
{{- define "lebureau.imagePullSecrets" -}}
{{- with .Values.global.imagePullSecrets }}
imagePullSecrets:
{{- range . }}
  - name: {{ . }}
{{- end }}
{{- end }}
{{- end -}}

{{/* Pod-level security context of the .NET components: non-root, RuntimeDefault seccomp. */}}
{{- define "lebureau.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 1654
runAsGroup: 1654
fsGroup: 1654
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* Container-level security context: read-only root, no privilege escalation, no capabilities. */}}
{{- define "lebureau.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
privileged: false
capabilities:
  drop:
    - ALL
{{- end -}}

{{/* Default affinity: prefer one replica per node. Include with (dict "root" $ "component" "operator"). */}}
{{- define "lebureau.spreadAffinity" -}}
podAntiAffinity:
  preferredDuringSchedulingIgnoredDuringExecution:
    - weight: 100
      podAffinityTerm:
        topologyKey: kubernetes.io/hostname
        labelSelector:
          matchLabels:
            {{- include "lebureau.selectorLabels" . | nindent 12 }}
{{- end -}}
