import type { GoProject } from '../detect/go.js';
import { type DockerFiles, renderTemplate, type TemplateValues } from './template.js';

/** A Dockerfile and .dockerignore for a Go module: a static binary on distroless. */
export function goDockerFiles(project: GoProject, values: TemplateValues): Promise<DockerFiles> {
  const warnings =
    project.mainPackage === undefined
      ? [
          'Dockerfile: hatoba init found no single main package (package main at the root or in one cmd/NAME); edit the TODO in the go build line before deploying',
        ]
      : [];
  return renderTemplate(
    'go',
    {
      app: values.app,
      port: String(values.port),
      repository: values.repository,
      go: project.go,
      modFiles: project.hasSum ? 'go.mod go.sum' : 'go.mod',
      main: project.mainPackage ?? './cmd/TODO_your_command',
    },
    warnings,
  );
}
