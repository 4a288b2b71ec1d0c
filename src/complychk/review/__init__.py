"""What a reviewer does with findings: explain a condition, compare two versions, waive a finding."""
