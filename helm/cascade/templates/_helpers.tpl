{{/* Labels every object of the chart carries. */}}
{{- define "cascade.labels" -}}
app.kubernetes.io/part-of: cascade
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/instance: {{ .Release.Name }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* A destination's ref to a Knative Service of this release (subscriber, dead-letter sink). */}}
{{- define "cascade.serviceRef" -}}
ref:
  apiVersion: serving.knative.dev/v1
  kind: Service
  name: {{ . }}
{{- end -}}

{{/* A delivery spec (retry, backoffPolicy, backoffDelay, deadLetterSink as a Knative Service's name). */}}
{{- define "cascade.delivery" -}}
{{- if hasKey . "retry" }}
retry: {{ .retry }}
{{- end }}
{{- with .backoffPolicy }}
backoffPolicy: {{ . }}
{{- end }}
{{- with .backoffDelay }}
backoffDelay: {{ . | quote }}
{{- end }}
{{- with .deadLetterSink }}
deadLetterSink:
  {{- include "cascade.serviceRef" . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* The name of the Secret holding the datasource settings. */}}
{{- define "cascade.postgresSecret" -}}
{{- .Values.postgresql.existingSecret | default "cascade-postgres" -}}
{{- end -}}
