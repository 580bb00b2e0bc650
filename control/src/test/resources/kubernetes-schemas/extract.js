const fs = require('fs');
const [,, out] = process.argv;
const targets = {
  'apps-v1-deployment': ['k8s/package/_schemas/IoK8sApiAppsV1Deployment.js', 'io.k8s.api.apps.v1.Deployment'],
  'apps-v1-statefulset': ['k8s/package/_schemas/IoK8sApiAppsV1StatefulSet.js', 'io.k8s.api.apps.v1.StatefulSet'],
  'v1-service': ['k8s/package/_schemas/IoK8sApiCoreV1Service.js', 'io.k8s.api.core.v1.Service'],
  'v1-secret': ['k8s/package/_schemas/IoK8sApiCoreV1Secret.js', 'io.k8s.api.core.v1.Secret'],
  'v1-configmap': ['k8s/package/_schemas/IoK8sApiCoreV1ConfigMap.js', 'io.k8s.api.core.v1.ConfigMap'],
  'v1-persistentvolumeclaim': ['k8s/package/_schemas/IoK8sApiCoreV1PersistentVolumeClaim.js', 'io.k8s.api.core.v1.PersistentVolumeClaim'],
  'autoscaling-v2-horizontalpodautoscaler': ['k8s/package/_schemas/IoK8sApiAutoscalingV2HorizontalPodAutoscaler.js', 'io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler'],
  'policy-v1-poddisruptionbudget': ['k8s/package/_schemas/IoK8sApiPolicyV1PodDisruptionBudget.js', 'io.k8s.api.policy.v1.PodDisruptionBudget'],
  'networking.k8s.io-v1-ingress': ['k8s/package/_schemas/IoK8sApiNetworkingV1Ingress.js', 'io.k8s.api.networking.v1.Ingress'],
  'batch-v1-job': ['k8s/package/_schemas/IoK8sApiBatchV1Job.js', 'io.k8s.api.batch.v1.Job'],
  'monitoring.coreos.com-v1-prometheusrule': ['po/package/monitoring.coreos.com/v1/PrometheusRule.js', 'monitoring.coreos.com.v1.PrometheusRule'],
  'monitoring.coreos.com-v1alpha1-alertmanagerconfig': ['po/package/monitoring.coreos.com/v1alpha1/AlertmanagerConfig.js', 'monitoring.coreos.com.v1alpha1.AlertmanagerConfig'],
};
function rewrite(node) {
  if (Array.isArray(node)) return node.map(rewrite);
  if (node && typeof node === 'object') {
    const o = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') o[k] = '#/definitions/' + v.replace(/#$/, '');
      else o[k] = rewrite(v);
    }
    return o;
  }
  return node;
}
for (const [name, [file, id]] of Object.entries(targets)) {
  global.REG = {};
  const m = require(require('path').resolve(file));
  if (m.addSchema) m.addSchema(); // _schemas files; CRD model files register on require
  const defs = {};
  for (const k of Object.keys(global.REG).sort()) if (k !== id) defs[k] = rewrite(global.REG[k]);
  const root = Object.assign({ '$schema': 'http://json-schema.org/draft-07/schema#' }, rewrite(global.REG[id]));
  root.definitions = defs;
  fs.writeFileSync(`${out}/${name}.json`, JSON.stringify(root, null, 1) + '\n');
  console.log(name, Object.keys(defs).length, fs.statSync(`${out}/${name}.json`).size);
}
